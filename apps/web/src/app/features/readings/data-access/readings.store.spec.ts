import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Reading } from '@glucodiary/contracts';
import { readingFixture } from '../../../shared/testing/reading.testing';
import { NO_FILTER } from './readings.api';
import { ReadingsStore } from './readings.store';

const reading = (id: string, context: Reading['context']): Reading => readingFixture({ id, context });

function setUp() {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), ReadingsStore] });
  return { store: TestBed.inject(ReadingsStore), http: TestBed.inject(HttpTestingController) };
}

/** Lets the store's awaits run after an answer was flushed. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('ReadingsStore', () => {
  it('shows the answer of the latest load only: a filter overtaking an earlier load wins', async () => {
    const { store, http } = setUp();
    void store.applyFilter(NO_FILTER);
    void store.applyFilter({ ...NO_FILTER, context: 'fasting' });
    const [unfiltered, fasting] = http.match((request) => request.url === '/api/readings');
    expect(fasting!.request.params.get('context')).toBe('fasting');
    fasting!.flush({ items: [reading('f1', 'fasting')], nextCursor: null });
    await settle();
    unfiltered!.flush({ items: [reading('o1', 'after_meal')], nextCursor: 'more' });
    await settle();
    expect(store.readings().map((r) => r.id)).toEqual(['f1']);
    expect(store.hasMore()).toBe(false);
    expect(store.loading()).toBe(false);
  });

  it('sends one delete for a double click, and takes a reading deleted elsewhere off the list without an error', async () => {
    const { store, http } = setUp();
    store.readings.set([reading('a', 'other'), reading('b', 'other')]);
    const first = store.remove(reading('a', 'other'));
    expect(await store.remove(reading('a', 'other'))).toBeNull();
    http.expectOne({ method: 'DELETE', url: '/api/readings/a' }).flush(reading('a', 'other'));
    expect(await first).toMatchObject({ value: 120, unit: 'mg/dL' });

    const gone = store.remove(reading('b', 'other'));
    http.expectOne({ method: 'DELETE', url: '/api/readings/b' }).flush({ code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    expect(await gone).toBeNull();
    expect(store.readings()).toEqual([]);
    http.verify();
  });
});
