import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';

describe('profile API', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  it('changes unit, target range and time zone, and shows the range in the chosen unit', async () => {
    const { headers } = await signedInUser(app());
    const response = await app().inject({
      method: 'PATCH',
      url: '/api/me',
      headers,
      payload: { preferredUnit: 'mmol/L', targetRange: { low: 4, high: 9, unit: 'mmol/L' }, timeZone: 'Europe/Berlin' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      preferredUnit: 'mmol/L',
      targetRange: { low: 4, high: 9, unit: 'mmol/L' },
      timeZone: 'Europe/Berlin',
    });
    const back = await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { preferredUnit: 'mg/dL' } });
    expect(back.json().targetRange).toEqual({ low: 72, high: 162, unit: 'mg/dL' });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    [{ targetRange: { low: 180, high: 70, unit: 'mg/dL' } }, 'targetRange'],
    [{ targetRange: { low: 70, high: 900, unit: 'mg/dL' } }, 'targetRange'],
    [{ preferredUnit: 'mmol' }, 'preferredUnit'],
    [{ email: 'new@example.test' }, 'email'],
    [{ displayName: '   ' }, 'displayName'],
    [{ insulinNames: ['Humalog', ' humalog'] }, 'insulinNames'],
    [{ insulinNames: ['  '] }, 'insulinNames.0'],
    [{ insulinNames: Array.from({ length: 13 }, (_, i) => `Insulin ${i}`) }, 'insulinNames'],
    [{ gramsPerServing: 4 }, 'gramsPerServing'],
    [{ gramsPerServing: 12.3 }, 'gramsPerServing'],
    [{ language: 'fr' }, 'language'],
    [{ formatLocale: 'de_DE' }, 'formatLocale'],
    [{ formatLocale: 'xx-YY' }, 'formatLocale'],
  ])('rejects %j with 400 naming %s and changes nothing', async (payload, field) => {
    const { headers } = await signedInUser(app());
    const response = await app().inject({ method: 'PATCH', url: '/api/me', headers, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((d: { field: string }) => d.field)).toContain(field);
    const profile = (await app().inject({ method: 'GET', url: '/api/me', headers })).json();
    expect(profile).toMatchObject({ preferredUnit: 'mg/dL', timeZone: 'UTC', targetRange: { low: 70, high: 180 } });
  });

  it('stores a time zone in the letter case the runtime uses, and an alias as it was given', async () => {
    const { headers } = await signedInUser(app());
    const zoneAfter = async (timeZone: string) =>
      (await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { timeZone } })).json().timeZone;
    expect(await zoneAfter('europe/berlin')).toBe('Europe/Berlin');
    expect(await zoneAfter('Asia/Kolkata')).toBe('Asia/Kolkata');
  });

  it("takes the browser's time zone at registration (UTC for one the server does not know), and refuses a blank name", async () => {
    const register = (payload: Record<string, unknown>) =>
      app().inject({ method: 'POST', url: '/api/auth/register', payload: { password: 'a long enough password', displayName: 'Ada', ...payload } });
    const created = await register({ email: `tz-${Date.now()}@example.test`, timeZone: 'america/new_york' });
    expect(created.statusCode).toBe(201);
    expect(created.json().user.timeZone).toBe('America/New_York');
    const withoutZone = await register({ email: `utc-${Date.now()}@example.test` });
    expect(withoutZone.json().user.timeZone).toBe('UTC');
    const unknownZone = await register({ email: `mars-${Date.now()}@example.test`, timeZone: 'Mars/Olympus_Mons' });
    expect(unknownZone.statusCode).toBe(201);
    expect(unknownZone.json().user.timeZone).toBe('UTC');
    const blankName = await register({ email: `blank-${Date.now()}@example.test`, displayName: ' \t ' });
    expect(blankName.statusCode).toBe(400);
    expect(blankName.json().details.map((d: { field: string }) => d.field)).toContain('displayName');
  });

  it('keeps the insulin names a user logs doses with, trimmed and in their order, and the grams per serving (10 g until set)', async () => {
    const { headers } = await signedInUser(app());
    const before = (await app().inject({ method: 'GET', url: '/api/me', headers })).json();
    expect(before).toMatchObject({ insulinNames: [], gramsPerServing: 10 });
    const response = await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { insulinNames: [' Tresiba ', 'Humalog'], gramsPerServing: 12 } });
    expect(response.statusCode).toBe(200);
    const after = (await app().inject({ method: 'GET', url: '/api/me', headers })).json();
    expect(after).toMatchObject({ insulinNames: ['Tresiba', 'Humalog'], gramsPerServing: 12 });
  });

  it('keeps the language and, apart from it, the number and date format (English and US formats until set)', async () => {
    const { headers } = await signedInUser(app());
    expect((await app().inject({ method: 'GET', url: '/api/me', headers })).json()).toMatchObject({ language: 'en', formatLocale: 'en-US' });
    const response = await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { language: 'de', formatLocale: 'de-CH' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ language: 'de', formatLocale: 'de-CH' });
    const english = await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { language: 'en' } });
    expect(english.json()).toMatchObject({ language: 'en', formatLocale: 'de-CH' });
  });

  it('rejects an empty change', async () => {
    const { headers } = await signedInUser(app());
    expect((await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: {} })).statusCode).toBe(400);
  });
});
