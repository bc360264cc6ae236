import { registerLocaleData } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import localeEnGb from '@angular/common/locales/en-GB';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { DeviceEvent, Reading, Treatment } from '@glucodiary/contracts';
import { AuthStore, SESSION_STORAGE } from '../../../core/auth/auth.store';
import { login, memoryStorage } from '../../../core/auth/auth.testing';
import { readingFixture } from '../../../shared/testing/reading.testing';
import { carbsFixture, treatmentFixture } from '../../../shared/testing/treatment.testing';
import { DayPage } from './day-page';

/** Lets the page's awaits run after an answer was flushed. */
const settle = () => new Promise((resolve) => setTimeout(resolve));
const isList = (url: string) => (request: { url: string }) => request.url === url;

// The signed-in user lives in Europe/London (UTC in March), writes dates as en-GB does (24-hour times) and reads mmol/L.
const dose = treatmentFixture({ id: 't1', takenAt: '2026-03-10T07:30:00.000Z', units: 4.5, insulinKind: 'rapid', purpose: 'meal' });
const lunch = carbsFixture(60, { id: 'c1', takenAt: '2026-03-10T12:00:00.000Z' });
const fingerLo = readingFixture({ id: 'r1', takenAt: '2026-03-10T03:10:00.000Z', value: 1.1, unit: 'mmol/L', valueMgdl: 20, beyondRange: 'below' });
const sensor = (id: string, takenAt: string, value: number) => readingFixture({ id, takenAt, value, unit: 'mmol/L', valueMgdl: value * 18, kind: 'sensor', source: 'sensor_history' });

async function openDay(url: string) {
  registerLocaleData(localeEnGb);
  TestBed.configureTestingModule({
    providers: [
      { provide: LOCALE_ID, useValue: 'en-GB' },
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(
        [
          { path: 'day', component: DayPage },
          { path: 'day/:date', component: DayPage },
        ],
        withComponentInputBinding(),
      ),
      { provide: SESSION_STORAGE, useValue: memoryStorage() },
    ],
  });
  TestBed.inject(AuthStore).signedIn(login);
  const http = TestBed.inject(HttpTestingController);
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url, DayPage);
  const element = harness.routeNativeElement as HTMLElement;
  /** Answers the page's two lists (one page each), and waits for the page to show them. */
  const answer = async (readings: Reading[], treatments: Treatment[], deviceEvents: DeviceEvent[] = []) => {
    TestBed.tick();
    await settle();
    const [readingsRequest, treatmentsRequest] = [http.expectOne(isList('/api/readings')), http.expectOne(isList('/api/treatments'))];
    readingsRequest.flush({ items: [...readings].reverse(), nextCursor: null });
    treatmentsRequest.flush({ items: [...treatments].reverse(), nextCursor: null });
    http.expectOne(isList('/api/devices/events')).flush({ items: [...deviceEvents].reverse(), truncated: false });
    // The live stream stays open while the page is: taken aside, so `verify` counts only the page's own calls.
    const [live] = http.match(isList('/api/live'));
    await settle();
    await harness.fixture.whenStable();
    return { readingsRequest, treatmentsRequest, live };
  };
  const button = (name: string, within: ParentNode = element) =>
    Array.from(within.querySelectorAll('button, a')).find((candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === name) as HTMLElement | undefined;
  /** Each listed entry's time and what it is, as read (the Edit and Delete buttons aside). */
  const entries = () =>
    Array.from(element.querySelectorAll('ol.entries li')).map((item) => `${item.querySelector('.time')?.textContent} ${item.querySelector('.what')?.textContent}`.replace(/\s+/g, ' ').trim());
  const stable = async () => {
    await settle();
    await harness.fixture.whenStable();
  };
  return { harness, http, element, answer, button, entries, stable };
}

describe('DayPage', () => {
  it('lists what the apps reported besides (a temporary basal, a profile switch), in the user zone, with the app', async () => {
    const { element, answer } = await openDay('/day/2026-03-10');
    const event = (id: string, takenAt: string, eventType: string, durationMinutes: number | null, details: DeviceEvent['details']): DeviceEvent => ({
      id,
      takenAt,
      eventType,
      durationMinutes,
      details,
      note: null,
      deviceName: 'Loop',
    });
    await answer([], [], [
      event('e1', '2026-03-10T02:00:00.000Z', 'Temp Basal', 30, { absolute: 0, reason: 'suspend' }),
      event('e2', '2026-03-10T08:00:00.000Z', 'Profile Switch', null, { profile: 'Weekend', percentage: 90 }),
    ]);
    const listed = Array.from(element.querySelectorAll('.device-events li')).map((item) =>
      `${item.querySelector('.time')?.textContent} ${item.querySelector('.what')?.textContent}`.replace(/\s+/g, ' ').trim(),
    );
    expect(listed).toEqual(['02:00 Temp Basal 0 U/h for 30 min · suspend · from Loop', '08:00 Profile Switch Weekend at 90 % · from Loop']);
    expect(element.querySelector('#device-events-heading')?.textContent).toBe('From your apps');
  });


  it("loads the local day's readings and treatments and shows them, a LO as LO", async () => {
    const { element, answer, entries } = await openDay('/day/2026-03-10');
    const { readingsRequest } = await answer(
      [fingerLo, sensor('s1', '2026-03-10T06:00:00.000Z', 6.2), sensor('s2', '2026-03-10T06:05:00.000Z', 6.4)],
      [dose, lunch],
    );
    expect(readingsRequest.request.params.get('from')).toBe('2026-03-10T00:00:00.000Z');
    expect(readingsRequest.request.params.get('to')).toBe('2026-03-10T23:59:59.999Z');

    expect(element.querySelector('h1')?.textContent).toBe('Tuesday, 10 March 2026');
    expect(entries()).toEqual([
      expect.stringMatching(/^03:10 Glucose LO.*below the meter's range.*Before meal$/),
      '07:30 Insulin 4.5 U rapid, meal',
      '12:00 Carbs 60 g',
    ]);
    expect(entries()[0]).not.toContain('1.1');
    expect(element.textContent).toContain('2 sensor readings, drawn as the line in the chart.');
    expect(element.querySelector('canvas')?.getAttribute('aria-label')).toContain('1 insulin dose (4.5 U in all); 1 carbs entry (60 g in all)');
  });

  it('goes to the previous and the next day by its links, loading each, and offers no day after today', async () => {
    const { harness, element, answer, button } = await openDay('/day/2026-03-10');
    await answer([], []);
    expect(element.textContent).toContain('Nothing logged on this day.');

    button('Previous day')?.click();
    // Not whenStable: the page is loading the day, which only the answer below ends.
    await settle();
    const { readingsRequest } = await answer([], [lunch]);
    expect(readingsRequest.request.params.get('from')).toBe('2026-03-09T00:00:00.000Z');
    expect(element.querySelector('h1')?.textContent).toBe('Monday, 9 March 2026');

    button('Next day')?.click();
    // Not whenStable: the page is loading the day, which only the answer below ends.
    await settle();
    const { treatmentsRequest } = await answer([], []);
    expect(treatmentsRequest.request.params.get('from')).toBe('2026-03-10T00:00:00.000Z');
    expect(element.querySelector('h1')?.textContent).toBe('Tuesday, 10 March 2026');

    // Another route, so another page element.
    await harness.navigateByUrl('/day');
    await answer([], []);
    const today = harness.routeNativeElement as HTMLElement;
    expect(today.querySelector('h1')?.textContent).toMatch(/^Today, /);
    expect(button('Next day', today)).toBeUndefined();
    expect(button('Previous day', today)).toBeDefined();
  });

  it('edits a treatment in a dialog, sending only what changed', async () => {
    const { http, answer, button, entries, stable } = await openDay('/day/2026-03-10');
    await answer([], [dose, lunch]);

    button('Edit insulin of 07:30')?.click();
    await stable();
    const dialog = document.querySelector('mat-dialog-container') as HTMLElement;
    const units = Array.from(dialog.querySelectorAll('mat-form-field'))
      .find((field) => field.querySelector('mat-label')?.textContent?.trim() === 'Insulin (units)')
      ?.querySelector('input') as HTMLInputElement;
    expect(units.value).toBe('4.5');
    units.value = '5';
    units.dispatchEvent(new Event('input'));
    (dialog.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));

    const patch: TestRequest = http.expectOne({ method: 'PATCH', url: '/api/treatments/t1' });
    expect(patch.request.body).toEqual({ units: 5 });
    patch.flush({ ...dose, units: 5 });
    await stable();
    await vi.waitFor(() => expect(document.querySelector('mat-dialog-container')).toBeNull());
    await stable();
    expect(entries()).toEqual(['07:30 Insulin 5 U rapid, meal', '12:00 Carbs 60 g']);
    http.verify();
  });

  it('deletes a treatment, moves focus to Undo, and adds it back with its fields when asked', async () => {
    const { http, element, answer, button, entries, stable } = await openDay('/day/2026-03-10');
    await answer([], [dose, lunch]);

    button('Delete insulin of 07:30')?.click();
    http.expectOne({ method: 'DELETE', url: '/api/treatments/t1' }).flush(dose);
    await stable();
    expect(entries()).toEqual(['12:00 Carbs 60 g']);
    expect(element.querySelector('[role=status]')?.textContent).toContain('Deleted the insulin of 07:30.');
    expect(document.activeElement).toBe(button('Undo'));

    button('Undo')?.click();
    const restore = http.expectOne({ method: 'POST', url: '/api/treatments' });
    // Back as it was, from where it came (an imported dose stays imported).
    expect(restore.request.body).toEqual({ takenAt: dose.takenAt, type: 'insulin', units: 4.5, insulinKind: 'rapid', purpose: 'meal', source: dose.source });
    restore.flush({ ...dose, id: 't2' });
    await stable();
    expect(entries()).toEqual(['07:30 Insulin 4.5 U rapid, meal', '12:00 Carbs 60 g']);
    expect(element.querySelector('[role=status]')?.textContent).toContain('Restored the insulin of 07:30.');
    expect(document.activeElement).toBe(button('Edit insulin of 07:30'));
    http.verify();
  });

  it('adds an activity at the same clock time on a past day, and lists it', async () => {
    const { http, element, answer, button, entries, stable } = await openDay('/day/2026-03-10');
    await answer([], [lunch]);
    button('Add an entry…')?.click();
    await stable();
    const dialog = document.querySelector('mat-dialog-container') as HTMLElement;
    const field = (label: string) =>
      Array.from(dialog.querySelectorAll('mat-form-field')).find((candidate) => candidate.querySelector('mat-label')?.textContent?.trim() === label) as HTMLElement;
    // Activity is offered first: its minutes and (moderate unless changed) intensity.
    expect(field('What').textContent).toContain('Activity');
    const minutes = field('Duration (minutes)').querySelector('input') as HTMLInputElement;
    minutes.value = '45';
    minutes.dispatchEvent(new Event('input'));
    (dialog.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));

    const post = http.expectOne({ method: 'POST', url: '/api/treatments' });
    const body = post.request.body as { takenAt: string; type: string; minutes: number; intensity: string };
    expect(body).toMatchObject({ type: 'activity', minutes: 45, intensity: 'moderate' });
    expect(body.takenAt.slice(0, 10)).toBe('2026-03-10');
    const added = treatmentFixture({ id: 'a1', type: 'activity', takenAt: '2026-03-10T17:00:00.000Z', units: null, insulinKind: null, purpose: null, minutes: 45, intensity: 'moderate' });
    post.flush(added);
    await vi.waitFor(() => expect(document.querySelector('mat-dialog-container')).toBeNull());
    await stable();
    expect(entries()).toEqual(['12:00 Carbs 60 g', expect.stringMatching(/^17:00 Activity 45 min/)]);
    expect(element.querySelector('[role=status]')?.textContent).toContain('Added the activity of 17:00.');
    http.verify();
  });

  it('says why a delete failed and keeps the entry', async () => {
    const { http, element, answer, button, entries, stable } = await openDay('/day/2026-03-10');
    await answer([], [dose]);
    button('Delete insulin of 07:30')?.click();
    http.expectOne({ method: 'DELETE', url: '/api/treatments/t1' }).flush({ message: 'down' }, { status: 503, statusText: 'Service Unavailable' });
    await stable();
    expect(element.querySelector('[role=alert]')?.textContent).toContain('down');
    expect(entries()).toEqual(['07:30 Insulin 4.5 U rapid, meal']);
  });
});
