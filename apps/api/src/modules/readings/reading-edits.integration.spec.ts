import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';

describe('editing and deleting readings', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  async function reading(headers: Record<string, string>) {
    const response = await app().inject({
      method: 'POST',
      url: '/api/readings',
      headers,
      payload: { takenAt: new Date(Date.now() - 60_000).toISOString(), value: 140, unit: 'mg/dL', context: 'after_meal', note: 'pizza' },
    });
    return response.json<{ id: string }>().id;
  }

  it('changes value, time, context and clears the note', async () => {
    const { headers } = await signedInUser(app());
    const id = await reading(headers);
    const takenAt = new Date(Date.now() - 3_600_000).toISOString();
    const response = await app().inject({
      method: 'PATCH',
      url: `/api/readings/${id}`,
      headers,
      payload: { value: 6.1, unit: 'mmol/L', takenAt, context: 'fasting', note: null },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, value: 110, valueMgdl: 109.91, takenAt, context: 'fasting', note: null });
    expect((await app().inject({ method: 'GET', url: `/api/readings/${id}`, headers })).json().value).toBe(110);
  });

  it('keeps a sensor LO a LO through a note edit, and makes it a plain value once a value is typed over it', async () => {
    const { headers, user } = await signedInUser(app());
    const { id } = await app().db.reading.create({
      data: { userId: user.id, takenAt: new Date(Date.now() - 60_000), valueMgdl: 39, mealContext: 'other', kind: 'sensor', source: 'sensor_history', beyondRange: 'below' },
    });
    const edit = (payload: object) => app().inject({ method: 'PATCH', url: `/api/readings/${id}`, headers, payload });
    expect((await edit({ note: 'felt shaky' })).json()).toMatchObject({ valueMgdl: 39, beyondRange: 'below', kind: 'sensor' });
    expect((await edit({ value: 52, unit: 'mg/dL' })).json()).toMatchObject({ valueMgdl: 52, beyondRange: null, kind: 'sensor' });
  });

  it('refuses a value without its unit, an impossible value and a future time, changing nothing', async () => {
    const { headers } = await signedInUser(app());
    const id = await reading(headers);
    for (const [payload, field] of [
      [{ value: 120 }, 'unit'],
      [{ value: 900, unit: 'mg/dL' }, 'value'],
      [{ takenAt: new Date(Date.now() + 86_400_000).toISOString() }, 'takenAt'],
      [{ takenAt: '0999-05-01T08:00:00Z' }, 'takenAt'],
      [{}, 'request'],
    ] as const) {
      const response = await app().inject({ method: 'PATCH', url: `/api/readings/${id}`, headers, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(response.json().details ?? response.json().message)).toContain(field === 'request' ? '' : field);
    }
    expect((await app().inject({ method: 'GET', url: `/api/readings/${id}`, headers })).json()).toMatchObject({ value: 140, note: 'pizza' });
  });

  it('an edit racing a delete of the same reading gets 200 or 404, never 500', async () => {
    const { headers } = await signedInUser(app());
    for (let round = 0; round < 15; round++) {
      const id = await reading(headers);
      const [edit, removal] = await Promise.all([
        app().inject({ method: 'PATCH', url: `/api/readings/${id}`, headers, payload: { note: `round ${round}` } }),
        app().inject({ method: 'DELETE', url: `/api/readings/${id}`, headers }),
      ]);
      expect(removal.statusCode).toBe(200);
      expect([200, 404]).toContain(edit.statusCode);
    }
  });

  it('deletes a reading and returns it, so it can be added back', async () => {
    const { headers } = await signedInUser(app());
    const id = await reading(headers);
    const deleted = await app().inject({ method: 'DELETE', url: `/api/readings/${id}`, headers });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toMatchObject({ id, value: 140, context: 'after_meal', note: 'pizza' });
    expect((await app().inject({ method: 'GET', url: `/api/readings/${id}`, headers })).statusCode).toBe(404);
    expect((await app().inject({ method: 'DELETE', url: `/api/readings/${id}`, headers })).statusCode).toBe(404);
  });

  it("treats another user's reading as missing: no read, edit or delete", async () => {
    const owner = await signedInUser(app());
    const intruder = await signedInUser(app());
    const id = await reading(owner.headers);
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const response = await app().inject({
        method,
        url: `/api/readings/${id}`,
        headers: intruder.headers,
        ...(method === 'PATCH' && { payload: { note: 'mine now' } }),
      });
      expect(response.statusCode, method).toBe(404);
      expect(response.json().code).toBe('NOT_FOUND');
    }
    expect((await app().inject({ method: 'GET', url: `/api/readings/${id}`, headers: owner.headers })).json().note).toBe('pizza');
  });

  it('filters the list by meal context', async () => {
    const { headers } = await signedInUser(app());
    await reading(headers);
    await app().inject({
      method: 'POST',
      url: '/api/readings',
      headers,
      payload: { takenAt: new Date().toISOString(), value: 90, unit: 'mg/dL', context: 'fasting' },
    });
    const list = await app().inject({ method: 'GET', url: '/api/readings?context=fasting', headers });
    expect(list.json().items.map((r: { value: number }) => r.value)).toEqual([90]);
  });
});
