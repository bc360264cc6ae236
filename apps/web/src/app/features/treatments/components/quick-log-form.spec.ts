import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CreateReadingBody, CreateTreatmentBody } from '@glucodiary/contracts';
// The outbox keeps entries in IndexedDB (idb checks `instanceof IDBRequest`): the fake's classes as globals.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { AuthStore, RELOAD_PAGE, SESSION_STORAGE } from '../../../core/auth/auth.store';
import { login, memoryStorage } from '../../../core/auth/auth.testing';
import { INDEXED_DB } from '../../../core/offline/device-database';
import { Outbox } from '../../../core/outbox/outbox';
import { readingFixture } from '../../../shared/testing/reading.testing';
import { carbsFixture, treatmentFixture } from '../../../shared/testing/treatment.testing';
import { QuickLogForm, type QuickLogSaved } from './quick-log-form';

/** Lets the form's awaits run after an answer was flushed. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

async function renderForm(providers: Provider[] = []) {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), ...providers] });
  const fixture = TestBed.createComponent(QuickLogForm);
  fixture.componentRef.setInput('unit', 'mg/dL');
  fixture.componentRef.setInput('timeZone', 'Europe/Berlin');
  const saved: QuickLogSaved[] = [];
  fixture.componentInstance.saved.subscribe((entry) => saved.push(entry));
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  /** The form field with this label, as a person finds it. */
  const formField = (label: string) => {
    const found = Array.from(element.querySelectorAll('mat-form-field')).find((field) => field.querySelector('mat-label')?.textContent?.trim() === label);
    if (!found) throw new Error(`no field labelled ${label}`);
    return found as HTMLElement;
  };
  const input = (label: string) => formField(label).querySelector('input') as HTMLInputElement;
  const type = (label: string, value: string) => {
    input(label).value = value;
    input(label).dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    (element.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await fixture.whenStable();
  };
  const errorBeside = (label: string) => formField(label).querySelector('mat-error')?.textContent?.trim() ?? null;
  return { fixture, element, saved, input, type, submit, errorBeside, http: TestBed.inject(HttpTestingController) };
}

describe('QuickLogForm', () => {
  it('posts the reading, the insulin and the carbs of one moment, then empties them for the next entry', async () => {
    const { fixture, element, saved, input, type, submit, http } = await renderForm();
    type('Taken at', '2026-07-01T12:30');
    type('Glucose (mg/dL)', '142');
    type('Insulin (units)', '4.5');
    type('Carbs (g)', '60');
    type('Note (optional)', 'pizza');
    await submit();

    const reading = http.expectOne({ method: 'POST', url: '/api/readings' });
    const treatments = http.match({ method: 'POST', url: '/api/treatments' });
    const takenAt = '2026-07-01T10:30:00.000Z';
    expect(reading.request.body as CreateReadingBody).toEqual({ takenAt, value: 142, unit: 'mg/dL', context: 'before_meal', note: 'pizza' });
    expect(treatments.map((request) => request.request.body as CreateTreatmentBody)).toEqual([
      { takenAt, type: 'insulin', units: 4.5, insulinKind: 'rapid', purpose: 'meal' },
      { takenAt, type: 'carbs', grams: 60 },
    ]);
    expect((element.querySelector('button[type=submit]') as HTMLButtonElement).disabled).toBe(true);

    reading.flush(readingFixture({ id: 'r9', value: 142, valueMgdl: 142, takenAt }));
    treatments[0]!.flush(treatmentFixture({ id: 't9', takenAt }));
    treatments[1]!.flush(carbsFixture(60, { id: 'c9', takenAt }));
    await settle();
    await fixture.whenStable();

    expect(saved).toHaveLength(1);
    expect(saved[0]?.reading?.id).toBe('r9');
    expect(saved[0]?.treatments.map((treatment) => treatment.id)).toEqual(['t9', 'c9']);
    expect(element.querySelector('[role=status]')?.textContent).toContain('Saved the glucose reading, the insulin and the carbs.');
    expect(element.querySelector('[role=status] a')?.getAttribute('href')).toBe('/day/2026-07-01');
    for (const label of ['Glucose (mg/dL)', 'Insulin (units)', 'Carbs (g)', 'Note (optional)']) expect(input(label).value, label).toBe('');
    http.verify();
  });

  it("shows a part the API refused beside its field, keeps what was typed there, and does not send the saved parts again", async () => {
    const { fixture, element, saved, input, type, submit, errorBeside, http } = await renderForm();
    type('Glucose (mg/dL)', '120');
    type('Carbs (g)', '60');
    await submit();

    http.expectOne({ method: 'POST', url: '/api/readings' }).flush(readingFixture({ id: 'r9' }));
    http.expectOne({ method: 'POST', url: '/api/treatments' }).flush(
      { statusCode: 400, code: 'VALIDATION_FAILED', message: 'x', details: [{ field: 'grams', message: 'must be between 0 and 500' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    await fixture.whenStable();

    expect(errorBeside('Carbs (g)')).toBe('The carbs must be between 0 and 500.');
    expect(errorBeside('Glucose (mg/dL)')).toBeNull();
    expect(input('Carbs (g)').value).toBe('60');
    expect(input('Glucose (mg/dL)').value).toBe('');
    expect(saved.map((entry) => entry.reading?.id)).toEqual(['r9']);
    expect(element.querySelector('p[role=alert]')?.textContent).toContain('Saved the glucose reading. Not saved: the carbs.');

    type('Carbs (g)', '55');
    await fixture.whenStable();
    expect(errorBeside('Carbs (g)')).toBeNull();
    await submit();
    http.expectNone('/api/readings');
    expect(http.expectOne({ method: 'POST', url: '/api/treatments' }).request.body).toMatchObject({ type: 'carbs', grams: 55 });
  });

  it('keeps a part the API cannot be reached for on the device, empties its field and says it will be sent later', async () => {
    const { fixture, element, saved, input, type, submit, http } = await renderForm([
      { provide: INDEXED_DB, useValue: new IDBFactory() },
      { provide: SESSION_STORAGE, useValue: memoryStorage() },
      { provide: RELOAD_PAGE, useValue: () => undefined },
    ]);
    TestBed.inject(AuthStore).signedIn(login);
    type('Glucose (mg/dL)', '120');
    type('Carbs (g)', '60');
    await submit();

    // Each part is on the device before it is sent: the requests follow the device database's write.
    (await vi.waitFor(() => http.expectOne({ method: 'POST', url: '/api/readings' }))).error(new ProgressEvent('error'), { status: 0, statusText: '' });
    (await vi.waitFor(() => http.expectOne({ method: 'POST', url: '/api/treatments' }))).flush(carbsFixture(60, { id: 'c9' }));
    await vi.waitFor(() => expect(TestBed.inject(Outbox).waiting()).toHaveLength(1));
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(input('Glucose (mg/dL)').value).toBe('');
    });
    expect(saved.map((entry) => [entry.reading, entry.treatments.map((treatment) => treatment.id)])).toEqual([[null, ['c9']]]);
    expect(element.querySelector('[role=status]')?.textContent).toContain(
      'Saved the carbs. No connection: the glucose reading will be sent when you are back online.',
    );
    expect(element.querySelector('[role=alert]')).toBeNull();
  });

  it('logs an untouched time as the moment of saving, not of opening the page', async () => {
    const { fixture, type, submit, http } = await renderForm();
    // The page was opened hours ago; the time field shows that moment and was never touched.
    (fixture.componentInstance as unknown as { form: { controls: { takenAt: { setValue(v: string): void } } } }).form.controls.takenAt.setValue('2026-01-01T08:00');
    type('Glucose (mg/dL)', '120');
    const before = Date.now();
    await submit();
    const body = http.expectOne({ method: 'POST', url: '/api/readings' }).request.body as CreateReadingBody;
    // datetime-local has minutes: the stored time is this minute.
    expect(Date.parse(body.takenAt)).toBeGreaterThan(before - 60_000);
    expect(Date.parse(body.takenAt)).toBeLessThanOrEqual(Date.now());
  });

  it('offers the insulins named in Settings, and points there when none are', async () => {
    const { fixture, element } = await renderForm();
    expect(element.querySelector('.hint a')?.getAttribute('href')).toBe('/settings');
    fixture.componentRef.setInput('insulinNames', ['Humalog', 'Tresiba']);
    await fixture.whenStable();
    expect(element.querySelector('.hint')).toBeNull();
    const names = Array.from(element.querySelectorAll('mat-form-field mat-label')).map((label) => label.textContent?.trim());
    expect(names).toContain('Insulin name (optional)');
  });

  it('sends nothing when nothing was filled in, and says what is missing', async () => {
    const { element, submit, http } = await renderForm();
    await submit();
    http.expectNone('/api/readings');
    http.expectNone('/api/treatments');
    expect(element.querySelector('[role=alert]')?.textContent).toContain('Fill in a glucose value, insulin, carbs or a note first.');
  });

  it('refuses a value outside the measurable range beside it, sending nothing, and moves focus there', async () => {
    const { fixture, input, type, submit, errorBeside, http } = await renderForm();
    type('Glucose (mg/dL)', '1200');
    type('Insulin (units)', '2');
    await submit();
    await fixture.whenStable();
    expect(errorBeside('Glucose (mg/dL)')).toBe('Enter a glucose value between 20 and 600 mg/dL.');
    expect(document.activeElement).toBe(input('Glucose (mg/dL)'));
    http.expectNone('/api/readings');
    http.expectNone('/api/treatments');
  });
});
