import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';

describe('readings API', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  async function addReading(headers: Record<string, string>, payload: Record<string, unknown>) {
    return app().inject({ method: 'POST', url: '/api/readings', headers, payload });
  }

  it('stores a reading in mg/dL and answers in the user unit', async () => {
    const { headers } = await signedInUser(app());
    const created = await addReading(headers, { takenAt: minutesAgo(5), value: 7.2, unit: 'mmol/L', context: 'after_meal', note: ' pasta ' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ value: 130, unit: 'mg/dL', valueMgdl: 129.73, context: 'after_meal', note: 'pasta' });

    await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { preferredUnit: 'mmol/L' } });
    const list = await app().inject({ method: 'GET', url: '/api/readings', headers });
    expect(list.json().items[0]).toMatchObject({ value: 7.2, unit: 'mmol/L', valueMgdl: 129.73 });
  });

  it('takes back, in mg/dL, a reading deleted at either unit\'s limit (what undo sends)', async () => {
    const { headers } = await signedInUser(app());
    for (const value of [1.1, 33.3]) {
      const created = await addReading(headers, { takenAt: minutesAgo(5), value, unit: 'mmol/L', context: 'other' });
      expect(created.statusCode).toBe(201);
      const { id, valueMgdl } = created.json();
      expect((await app().inject({ method: 'DELETE', url: `/api/readings/${id}`, headers })).statusCode).toBe(200);
      const restored = await addReading(headers, { takenAt: minutesAgo(5), value: valueMgdl, unit: 'mg/dL', context: 'other' });
      expect(restored.statusCode, restored.body).toBe(201);
      expect(restored.json().valueMgdl).toBe(valueMgdl);
    }
    const typo = await addReading(headers, { takenAt: minutesAgo(5), value: 19.8, unit: 'mg/dL', context: 'other' });
    expect(typo.statusCode).toBe(400);
  });

  it("takes back a sensor's LO as one (kind, source and flag), as undo sends it", async () => {
    const { headers } = await signedInUser(app());
    const body = { takenAt: minutesAgo(5), value: 39, unit: 'mg/dL', context: 'other', kind: 'sensor', source: 'sensor_history', beyondRange: 'below' };
    const restored = await addReading(headers, body);
    expect(restored.statusCode, restored.body).toBe(201);
    expect(restored.json()).toMatchObject({ valueMgdl: 39, kind: 'sensor', source: 'sensor_history', beyondRange: 'below' });
    const typed = await addReading(headers, { takenAt: minutesAgo(4), value: 120, unit: 'mg/dL', context: 'fasting' });
    expect(typed.json()).toMatchObject({ kind: 'fingerstick', source: 'typed', beyondRange: null });
    expect((await addReading(headers, { ...body, beyondRange: 'lower' })).statusCode).toBe(400);
  });

  it('refuses an instant JavaScript or the database cannot hold (a leap second, the year 0) in every time query with 400, not 500', async () => {
    const { headers } = await signedInUser(app());
    for (const instant of ['2016-12-31T23:59:60Z', '0000-06-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '9999-12-31T23:00:00-02:00']) {
      for (const url of ['/api/readings', '/api/stats', '/api/reports/agp', '/api/reports/trend', '/api/reports/logbook', '/api/readings/export']) {
        for (const field of ['from', 'to']) {
          const response = await app().inject({ method: 'GET', url, query: { [field]: instant }, headers });
          expect(response.statusCode, `${url}?${field}=${instant}`).toBe(400);
          expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
        }
      }
    }
    const ordinary = await app().inject({ method: 'GET', url: '/api/readings', query: { from: '2016-12-31T23:59:59Z' }, headers });
    expect(ordinary.statusCode).toBe(200);
  });

  it('lists newest first, pages with a cursor, and filters by time', async () => {
    const { headers } = await signedInUser(app());
    for (const [minutes, value] of [[50, 100], [40, 110], [30, 120], [20, 130], [10, 140]] as const) {
      expect((await addReading(headers, { takenAt: minutesAgo(minutes), value, unit: 'mg/dL', context: 'other' })).statusCode).toBe(201);
    }
    const first = (await app().inject({ method: 'GET', url: '/api/readings?limit=2', headers })).json();
    expect(first.items.map((r: { value: number }) => r.value)).toEqual([140, 130]);
    const second = (await app().inject({ method: 'GET', url: `/api/readings?limit=2&cursor=${first.nextCursor}`, headers })).json();
    expect(second.items.map((r: { value: number }) => r.value)).toEqual([120, 110]);
    const third = (await app().inject({ method: 'GET', url: `/api/readings?limit=2&cursor=${second.nextCursor}`, headers })).json();
    expect(third.items.map((r: { value: number }) => r.value)).toEqual([100]);
    expect(third.nextCursor).toBeNull();

    const window = await app().inject({
      method: 'GET',
      url: '/api/readings',
      query: { from: minutesAgo(45), to: minutesAgo(15) },
      headers,
    });
    expect(window.json().items.map((r: { value: number }) => r.value)).toEqual([130, 120, 110]);
  });

  it('never shows one user the readings of another', async () => {
    const alice = await signedInUser(app());
    const bob = await signedInUser(app());
    await addReading(alice.headers, { takenAt: minutesAgo(1), value: 99, unit: 'mg/dL', context: 'fasting' });
    const bobsList = (await app().inject({ method: 'GET', url: '/api/readings', headers: bob.headers })).json();
    expect(bobsList.items).toEqual([]);
  });

  it.each([
    [{ value: 19, unit: 'mg/dL' }, 'value'],
    [{ value: 601, unit: 'mg/dL' }, 'value'],
    [{ value: 40, unit: 'mmol/L' }, 'value'],
    [{ value: 1.0, unit: 'mmol/L' }, 'value'],
    [{ value: 100, unit: 'mg/dl' }, 'unit'],
    [{ value: 'high', unit: 'mg/dL' }, 'value'],
    [{ value: 100, unit: 'mg/dL', context: 'lunch' }, 'context'],
    [{ value: 100, unit: 'mg/dL', takenAt: 'yesterday' }, 'takenAt'],
    [{ value: 100, unit: 'mg/dL', takenAt: new Date(Date.now() + 3_600_000).toISOString() }, 'takenAt'],
    [{ value: 100, unit: 'mg/dL', note: 'x'.repeat(501) }, 'note'],
  ])('rejects %j with 400 naming %s, and stores nothing', async (fields, field) => {
    const { headers } = await signedInUser(app());
    const response = await addReading(headers, { takenAt: minutesAgo(1), context: 'other', ...fields });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(response.json().details.map((d: { field: string }) => d.field)).toContain(field);
    expect((await app().inject({ method: 'GET', url: '/api/readings', headers })).json().items).toEqual([]);
  });

  it('accepts a reading a few minutes ahead of the server clock', async () => {
    const { headers } = await signedInUser(app());
    const response = await addReading(headers, {
      takenAt: new Date(Date.now() + 2 * 60_000).toISOString(),
      value: 100,
      unit: 'mg/dL',
      context: 'other',
    });
    expect(response.statusCode).toBe(201);
  });

  it('refuses a time before 1900 (a typo, and beyond what the calendar maths is for)', async () => {
    const { headers } = await signedInUser(app());
    const tooEarly = await addReading(headers, { takenAt: '1899-12-31T23:59:59Z', value: 100, unit: 'mg/dL', context: 'other' });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().details).toEqual([{ field: 'takenAt', message: 'must not be before 1900' }]);
    // The year 0 is not a date-time at all here (PostgreSQL's calendar has none).
    const yearZero = await addReading(headers, { takenAt: '0000-01-01T00:00:00Z', value: 100, unit: 'mg/dL', context: 'other' });
    expect(yearZero.statusCode).toBe(400);
    expect(yearZero.json().details).toEqual([expect.objectContaining({ field: 'takenAt' })]);
    expect((await addReading(headers, { takenAt: '1900-01-01T00:00:00Z', value: 100, unit: 'mg/dL', context: 'other' })).statusCode).toBe(201);
  });

  it('pages through readings that share one instant, each once', async () => {
    const { headers } = await signedInUser(app());
    const takenAt = minutesAgo(5);
    for (const value of [101, 102, 103, 104, 105]) {
      expect((await addReading(headers, { takenAt, value, unit: 'mg/dL', context: 'other' })).statusCode).toBe(201);
    }
    expect((await addReading(headers, { takenAt: minutesAgo(6), value: 99, unit: 'mg/dL', context: 'other' })).statusCode).toBe(201);
    expect((await addReading(headers, { takenAt: minutesAgo(4), value: 110, unit: 'mg/dL', context: 'other' })).statusCode).toBe(201);
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query: Record<string, string> = cursor ? { limit: '2', cursor } : { limit: '2' };
      const answer = (await app().inject({ method: 'GET', url: '/api/readings', query, headers })).json<{ items: { value: number }[]; nextCursor: string | null }>();
      seen.push(...answer.items.map((r) => r.value));
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
    // Newest first: the later reading, the five of one instant in some order, the earlier one; none twice.
    expect(seen[0]).toBe(110);
    expect(seen.slice(1, 6).sort()).toEqual([101, 102, 103, 104, 105]);
    expect(seen.slice(6)).toEqual([99]);
  });

  it('rejects a forged cursor, an inverted range and an oversized page with 400', async () => {
    const { headers } = await signedInUser(app());
    for (const url of [
      '/api/readings?cursor=Zm9yZ2Vk',
      `/api/readings?from=${minutesAgo(1)}&to=${minutesAgo(60)}`,
      '/api/readings?limit=5000',
      '/api/readings?limit=abc',
    ]) {
      const response = await app().inject({ method: 'GET', url, headers });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('requires a signed-in user', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/readings' });
    expect(response.statusCode).toBe(401);
  });
});
