import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { readingFixture } from '../../../shared/testing/reading.testing';
import { carbsFixture, treatmentFixture } from '../../../shared/testing/treatment.testing';
import { DayEntriesApi } from './day-entries.api';

/** Lets the loader's awaits run after an answer was flushed. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('DayEntriesApi', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] }));

  it('reads every page of one local day, a 23-hour day when the clocks go forward, and gives it oldest first', async () => {
    const api = TestBed.inject(DayEntriesApi);
    const http = TestBed.inject(HttpTestingController);
    const loading = api.load('2026-03-29', 'Europe/Berlin');

    const firstReadings = http.expectOne((request) => request.url === '/api/readings');
    const treatments = http.expectOne((request) => request.url === '/api/treatments');
    const events = http.expectOne((request) => request.url === '/api/devices/events');
    expect([events.request.params.get('from'), events.request.params.get('to')]).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T21:59:59.999Z']);
    events.flush({ items: [], truncated: false });
    for (const request of [firstReadings, treatments]) {
      expect(request.request.params.get('from')).toBe('2026-03-28T23:00:00.000Z');
      expect(request.request.params.get('to')).toBe('2026-03-29T21:59:59.999Z');
      expect(request.request.params.get('limit')).toBe('200');
      expect(request.request.params.has('cursor')).toBe(false);
    }
    firstReadings.flush({ items: [readingFixture({ id: 'r3', takenAt: '2026-03-29T20:00:00.000Z' }), readingFixture({ id: 'r2', takenAt: '2026-03-29T12:00:00.000Z' })], nextCursor: 'page-2' });
    treatments.flush({ items: [carbsFixture(60, { id: 't2', takenAt: '2026-03-29T12:05:00.000Z' }), treatmentFixture({ id: 't1', takenAt: '2026-03-29T06:00:00.000Z' })], nextCursor: null });
    await settle();

    const secondReadings = http.expectOne((request) => request.url === '/api/readings');
    expect(secondReadings.request.params.get('cursor')).toBe('page-2');
    expect(secondReadings.request.params.get('from')).toBe('2026-03-28T23:00:00.000Z');
    secondReadings.flush({ items: [readingFixture({ id: 'r1', takenAt: '2026-03-28T23:30:00.000Z' })], nextCursor: null });

    const day = await loading;
    expect(day.day).toBe('2026-03-29');
    expect(day.readings.map((reading) => reading.id)).toEqual(['r1', 'r2', 'r3']);
    expect(day.treatments.map((treatment) => treatment.id)).toEqual(['t1', 't2']);
    http.verify();
  });

  it('fails as a whole when one of the lists cannot be read', async () => {
    const api = TestBed.inject(DayEntriesApi);
    const http = TestBed.inject(HttpTestingController);
    const loading = api.load('2026-03-10', 'UTC');
    http.expectOne((request) => request.url === '/api/readings').flush({ items: [], nextCursor: null });
    http.expectOne((request) => request.url === '/api/treatments').flush({ message: 'down' }, { status: 503, statusText: 'Service Unavailable' });
    await expect(loading).rejects.toMatchObject({ status: 503 });
  });
});
