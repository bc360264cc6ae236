import type { Treatment, TreatmentPage } from '@glucodiary/contracts';
import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';

describe('treatments API', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const add = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    app().inject({ method: 'POST', url: '/api/treatments', headers, payload });

  it('logs insulin, carbs and activity of one moment, each with its own fields, and reads them back', async () => {
    const { headers } = await signedInUser(app());
    const at = minutesAgo(10);
    const insulin = await add(headers, { takenAt: at, type: 'insulin', units: 4.5, insulinKind: 'rapid', purpose: 'meal', insulinName: ' Humalog ' });
    const carbs = await add(headers, { takenAt: at, type: 'carbs', grams: 60, note: 'pasta' });
    const walk = await add(headers, { takenAt: minutesAgo(5), type: 'activity', minutes: 30, intensity: 'moderate' });
    expect([insulin.statusCode, carbs.statusCode, walk.statusCode]).toEqual([201, 201, 201]);
    expect(insulin.json<Treatment>()).toMatchObject({
      type: 'insulin',
      units: 4.5,
      insulinKind: 'rapid',
      purpose: 'meal',
      insulinName: 'Humalog',
      grams: null,
      source: 'typed',
      importId: null,
    });
    const page = (await app().inject({ method: 'GET', url: '/api/treatments', headers })).json<TreatmentPage>();
    // Newest first; the insulin and the carbs share an instant, and come in a stable order.
    expect(page.items[0]?.type).toBe('activity');
    expect(page.items.slice(1).map((item) => item.type).sort()).toEqual(['carbs', 'insulin']);
    const onlyInsulin = (await app().inject({ method: 'GET', url: '/api/treatments?type=insulin', headers })).json<TreatmentPage>();
    expect(onlyInsulin.items.map((item) => item.id)).toEqual([insulin.json<Treatment>().id]);
  });

  it.each([
    [{ type: 'insulin', units: 4 }, 'insulinKind', 'is required for insulin'],
    [{ type: 'insulin', units: 4.33, insulinKind: 'rapid' }, 'units', 'must be between 0.05 and 100 in steps of 0.05'],
    [{ type: 'insulin', units: 0, insulinKind: 'rapid' }, 'units', 'must be between 0.05 and 100 in steps of 0.05'],
    [{ type: 'insulin', units: 2, insulinKind: 'rapid', grams: 20 }, 'grams', 'is not a field of insulin'],
    [{ type: 'carbs', grams: 501 }, 'grams', 'must be between 0 and 500'],
    [{ type: 'carbs', grams: 20, insulinKind: 'long' }, 'insulinKind', 'is not a field of carbs'],
    [{ type: 'activity', minutes: 0, intensity: 'light' }, 'minutes', 'must be between 1 and 1440'],
    [{ type: 'note', note: '   ' }, 'note', 'is required for note'],
    [{ type: 'ketones', value: 12 }, 'value', 'must be between 0 and 10 mmol/L'],
    [{ type: 'hba1c', value: 7.1 }, 'unit', 'is required for hba1c'],
    [{ type: 'hba1c', value: 54, unit: '%' }, 'value', 'must be between 3 and 20 %'],
  ])('refuses %j with 400 naming %s', async (fields, field, message) => {
    const { headers } = await signedInUser(app());
    const response = await add(headers, { takenAt: minutesAgo(1), ...fields });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.arrayContaining([{ field, message }]) });
  });

  it('refuses an unknown type, an unknown field, and a time in the future, in the API error shape', async () => {
    const { headers } = await signedInUser(app());
    for (const payload of [
      { takenAt: minutesAgo(1), type: 'bolus', units: 2 },
      { takenAt: minutesAgo(1), type: 'carbs', grams: 10, calories: 40 },
      { takenAt: new Date(Date.now() + 3_600_000).toISOString(), type: 'carbs', grams: 10 },
    ]) {
      const response = await add(headers, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('keeps HbA1c in % or mmol/mol with its lab date, and ketones in mmol/L', async () => {
    const { headers } = await signedInUser(app());
    const lab = await add(headers, { takenAt: '2026-10-01T09:00:00Z', type: 'hba1c', value: 53, unit: 'mmol/mol' });
    expect(lab.json<Treatment>()).toMatchObject({ type: 'hba1c', value: 53, unit: 'mmol/mol', takenAt: '2026-10-01T09:00:00.000Z' });
    const ketones = await add(headers, { takenAt: minutesAgo(2), type: 'ketones', value: 0.6 });
    // Ketones are measured in mmol/L only: a value sent without its unit is stored with it.
    expect(ketones.json<Treatment>()).toMatchObject({ value: 0.6, unit: 'mmol/L' });
    const sensor = await add(headers, { takenAt: minutesAgo(1), type: 'sensor-change', note: 'left arm' });
    expect(sensor.json<Treatment>()).toMatchObject({ type: 'sensor-change', note: 'left arm' });
  });

  it('edits one field and checks the result against its type; null clears an optional field, not a required one', async () => {
    const { headers } = await signedInUser(app());
    const { id } = (await add(headers, { takenAt: minutesAgo(10), type: 'insulin', units: 3, insulinKind: 'rapid', purpose: 'correction' })).json<Treatment>();
    const edited = await app().inject({ method: 'PATCH', url: `/api/treatments/${id}`, headers, payload: { units: 3.5, purpose: null } });
    expect(edited.json<Treatment>()).toMatchObject({ units: 3.5, purpose: null, insulinKind: 'rapid' });
    const cleared = await app().inject({ method: 'PATCH', url: `/api/treatments/${id}`, headers, payload: { units: null } });
    expect(cleared.statusCode).toBe(400);
    expect(cleared.json()).toMatchObject({ details: [{ field: 'units', message: 'is required for insulin' }] });
    const wrongField = await app().inject({ method: 'PATCH', url: `/api/treatments/${id}`, headers, payload: { grams: 10 } });
    expect(wrongField.json()).toMatchObject({ details: [{ field: 'grams', message: 'is not a field of insulin' }] });
    expect((await app().inject({ method: 'GET', url: `/api/treatments/${id}`, headers })).json<Treatment>().units).toBe(3.5);
  });

  it('takes a JSON body as sent: 0 g stays 0 g, and null or true is no amount (never coerced to 0 or 1)', async () => {
    const { headers } = await signedInUser(app());
    const { id } = (await add(headers, { takenAt: minutesAgo(10), type: 'carbs', grams: 30 })).json<Treatment>();
    const zero = await app().inject({ method: 'PATCH', url: `/api/treatments/${id}`, headers, payload: { grams: 0 } });
    expect(zero.statusCode).toBe(200);
    expect(zero.json<Treatment>().grams).toBe(0);
    for (const payload of [
      { takenAt: minutesAgo(1), type: 'carbs', grams: null },
      { takenAt: minutesAgo(1), type: 'carbs', grams: '20' },
      { takenAt: minutesAgo(1), type: 'insulin', units: true, insulinKind: 'rapid' },
    ]) {
      const response = await add(headers, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const stored = (await app().inject({ method: 'GET', url: '/api/treatments', headers })).json<TreatmentPage>();
    expect(stored.items.map((item) => item.grams)).toEqual([0]);
  });

  it('adds back a deleted imported treatment as imported (undo), and refuses a source it does not know', async () => {
    const { headers } = await signedInUser(app());
    const undone = await add(headers, { takenAt: minutesAgo(30), type: 'insulin', units: 6, insulinKind: 'rapid', source: 'import' });
    expect(undone.statusCode).toBe(201);
    expect(undone.json<Treatment>()).toMatchObject({ source: 'import', units: 6 });
    expect((await add(headers, { takenAt: minutesAgo(30), type: 'note', note: 'x', source: 'pump' })).statusCode).toBe(400);
  });

  it("answers 404 for another user's treatment on every verb, and deletes returning what undo needs", async () => {
    const alice = await signedInUser(app());
    const bob = await signedInUser(app());
    const { id } = (await add(alice.headers, { takenAt: minutesAgo(3), type: 'carbs', grams: 25 })).json<Treatment>();
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const response = await app().inject({ method, url: `/api/treatments/${id}`, headers: bob.headers, ...(method === 'PATCH' && { payload: { grams: 1 } }) });
      expect(response.statusCode, method).toBe(404);
    }
    expect((await app().inject({ method: 'GET', url: '/api/treatments', headers: bob.headers })).json<TreatmentPage>().items).toEqual([]);
    const deleted = await app().inject({ method: 'DELETE', url: `/api/treatments/${id}`, headers: alice.headers });
    expect(deleted.json<Treatment>()).toMatchObject({ id, grams: 25 });
    expect((await app().inject({ method: 'GET', url: `/api/treatments/${id}`, headers: alice.headers })).statusCode).toBe(404);
  });

  it('pages newest first with a cursor and filters by time', async () => {
    const { headers } = await signedInUser(app());
    for (const minutes of [50, 40, 30, 20, 10]) await add(headers, { takenAt: minutesAgo(minutes), type: 'carbs', grams: minutes });
    const first = (await app().inject({ method: 'GET', url: '/api/treatments?limit=2', headers })).json<TreatmentPage>();
    expect(first.items.map((item) => item.grams)).toEqual([10, 20]);
    const second = (await app().inject({ method: 'GET', url: `/api/treatments?limit=2&cursor=${first.nextCursor}`, headers })).json<TreatmentPage>();
    expect(second.items.map((item) => item.grams)).toEqual([30, 40]);
    const window = (await app().inject({ method: 'GET', url: `/api/treatments?from=${encodeURIComponent(minutesAgo(45))}&to=${encodeURIComponent(minutesAgo(25))}`, headers })).json<TreatmentPage>();
    expect(window.items.map((item) => item.grams)).toEqual([30, 40]);
    expect((await app().inject({ method: 'GET', url: '/api/treatments?cursor=nonsense', headers })).statusCode).toBe(400);
  });

  it("exports the treatments as CSV, oldest first, in the user's time zone, a formula-like note defused, never another user's", async () => {
    const { headers } = await signedInUser(app());
    await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { timeZone: 'Europe/Berlin' } });
    await add(headers, { takenAt: '2026-07-01T10:00:00Z', type: 'carbs', grams: 45, note: '=1+1, pasta' });
    await add(headers, { takenAt: '2026-07-01T09:55:00Z', type: 'insulin', units: 4.5, insulinKind: 'rapid', purpose: 'meal', insulinName: 'Humalog' });
    await add((await signedInUser(app())).headers, { takenAt: '2026-07-01T09:00:00Z', type: 'carbs', grams: 99 });
    const response = await app().inject({ method: 'GET', url: '/api/treatments/export', headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="glucodiary-treatments-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.body.split('\r\n')).toEqual([
      'takenAt,type,units,insulinKind,purpose,insulinName,grams,minutes,intensity,value,unit,note,source',
      '2026-07-01T11:55:00+02:00,insulin,4.5,rapid,meal,Humalog,,,,,,,typed',
      `2026-07-01T12:00:00+02:00,carbs,,,,,45,,,,,"'=1+1, pasta",typed`,
      '',
    ]);
    const period = await app().inject({ method: 'GET', url: '/api/treatments/export?from=2026-07-01T09:58:00Z', headers });
    expect(period.body.split('\r\n')).toHaveLength(3);
    expect((await app().inject({ method: 'GET', url: '/api/treatments/export?from=2026-07-02T00:00:00Z&to=2026-07-01T00:00:00Z', headers })).statusCode).toBe(400);
  });

  it('requires a signed-in user', async () => {
    expect((await app().inject({ method: 'GET', url: '/api/treatments' })).statusCode).toBe(401);
    expect((await app().inject({ method: 'POST', url: '/api/treatments', payload: { takenAt: minutesAgo(1), type: 'carbs', grams: 1 } })).statusCode).toBe(401);
  });
});
