import type { CreatedDevice, DeviceList, NightscoutEntry, ReadingPage } from '@glucodiary/contracts';
import { sha1, userWithDevice as deviceUser } from '../../testing/device-secret';
import { signedInUser, startTestApp, startTestCluster, type TestApp, type TestCluster } from '../../testing/test-app';

const minutesAgo = (minutes: number) => Date.now() - minutes * 60_000;

describe('the Nightscout-compatible API with device secrets', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  const userWithDevice = (scope: 'upload' | 'read' = 'upload', name?: string) => deviceUser(app(), scope, name);
  const post = (headers: Record<string, string>, payload: unknown, url = '/api/v1/entries') => app().inject({ method: 'POST', url, headers, payload: payload as object });
  const get = (headers: Record<string, string>, url: string) => app().inject({ method: 'GET', url, headers });

  it('creates a device secret shown once, with the Nightscout URL for the app; lists, renames and revokes it', async () => {
    const { headers, device } = await userWithDevice('upload', '  Watch  ');
    expect(device).toMatchObject({ name: 'Watch', scope: 'upload', lastUsedAt: null });
    // At least 128 bits, URL-safe.
    expect(device.secret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(device.nightscoutUrl).toBe(`http://${device.secret}@localhost:80/api/v1/`.replace(':80', ''));
    const listed = (await get(headers, '/api/devices')).json<DeviceList>();
    expect(listed.items).toEqual([{ id: device.id, name: 'Watch', scope: 'upload', createdAt: device.createdAt, lastUsedAt: null, latestStatus: null }]);
    expect(JSON.stringify(listed)).not.toContain(device.secret);
    const renamed = await app().inject({ method: 'PATCH', url: `/api/devices/${device.id}`, headers, payload: { name: 'Garmin' } });
    expect(renamed.json()).toMatchObject({ name: 'Garmin' });
    expect((await app().inject({ method: 'DELETE', url: `/api/devices/${device.id}`, headers })).statusCode).toBe(204);
    expect((await get(headers, '/api/devices')).json<DeviceList>().items).toEqual([]);
    expect((await app().inject({ method: 'DELETE', url: `/api/devices/${device.id}`, headers })).statusCode).toBe(404);
  });

  it("manages devices with the user's session only: a device secret, another user or a bad body are refused", async () => {
    const { device, apiSecret } = await userWithDevice();
    const other = await signedInUser(app());
    expect((await get(apiSecret, '/api/devices')).statusCode).toBe(401);
    expect((await app().inject({ method: 'DELETE', url: `/api/devices/${device.id}`, headers: other.headers })).statusCode).toBe(404);
    for (const payload of [{ name: 'x', scope: 'admin' }, { name: '   ', scope: 'read' }, { scope: 'read' }]) {
      expect((await app().inject({ method: 'POST', url: '/api/devices', headers: other.headers, payload })).statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('takes one entry or an array, numbers as numbers or numeric strings, and answers each with its _id in order', async () => {
    const { headers, apiSecret } = await userWithDevice();
    const date = minutesAgo(5);
    const single = await post(apiSecret, { type: 'sgv', sgv: 142, date, dateString: new Date(date).toISOString(), device: 'xDrip-DexcomG6', direction: 'Flat' });
    expect(single.statusCode).toBe(200);
    const [stored] = single.json<NightscoutEntry[]>();
    expect(stored).toMatchObject({ type: 'sgv', sgv: 142, date, direction: 'Flat', _id: expect.any(String) });

    const batch = await post(apiSecret, [
      { type: 'sgv', sgv: '199', date: String(minutesAgo(10)) },
      { type: 'mbg', mbg: '95', date: minutesAgo(11) },
      { type: 'cal', slope: 900, date: minutesAgo(12) },
      { type: 'sgv', sgv: 'abc', date: minutesAgo(13) },
    ]);
    const answered = batch.json<NightscoutEntry[]>();
    expect(answered.map((item) => [item.type, item.sgv ?? item.mbg ?? null, Boolean(item._id), item.refused ?? null])).toEqual([
      ['sgv', 199, true, null],
      ['mbg', 95, true, null],
      ['cal', null, false, null],
      ['sgv', null, false, '`sgv` is not a number of mg/dL'],
    ]);
    expect((await post(apiSecret, [])).json()).toEqual([]);

    // In the diary at once: a sensor reading and a finger-stick, from the device by its name.
    const readings = (await get(headers, '/api/readings?limit=10')).json<ReadingPage>().items;
    expect(readings.map((reading) => [reading.valueMgdl, reading.kind, reading.source, reading.deviceName])).toEqual([
      [142, 'sensor', 'sensor_history', 'xDrip+ on my Pixel'],
      [199, 'sensor', 'sensor_history', 'xDrip+ on my Pixel'],
      [95, 'fingerstick', 'meter', 'xDrip+ on my Pixel'],
    ]);
  });

  it('adds nothing for the same type and date sent again (a retry), answering the stored _id', async () => {
    const { headers, apiSecret } = await userWithDevice();
    const entries = Array.from({ length: 100 }, (_, i) => ({ type: 'sgv', sgv: 100 + (i % 50), date: minutesAgo(5 * (i + 1)), direction: 'Flat' }));
    const first = (await post(apiSecret, entries)).json<NightscoutEntry[]>();
    expect(first).toHaveLength(100);
    const again = await Promise.all([post(apiSecret, entries), post(apiSecret, entries.slice(0, 10))]);
    expect(again[0]!.json<NightscoutEntry[]>().map((item) => item._id)).toEqual(first.map((item) => item._id));
    expect(again[1]!.json<NightscoutEntry[]>().map((item) => item._id)).toEqual(first.slice(0, 10).map((item) => item._id));
    expect((await get(headers, '/api/readings?limit=200')).json<ReadingPage>().items).toHaveLength(100);
  });

  it('keeps Low and High as LO/HI at the sensor limit, and refuses sensor codes and a time in the future', async () => {
    const { headers, apiSecret } = await userWithDevice();
    const answered = (
      await post(apiSecret, [
        { sgv: 39, date: minutesAgo(1) },
        { sgv: 650, date: minutesAgo(2) },
        { sgv: 5, date: minutesAgo(3) },
        { sgv: 120, date: Date.now() + 3_600_000 },
        { sgv: 120, dateString: '2026-12-05T10:00:00.000+0100' },
      ])
    ).json<NightscoutEntry[]>();
    expect(answered.map((item) => item.refused ?? item.sgv)).toEqual([39, 501, 'sgv 5 is a sensor code (sensor not calibrated), not glucose', 'the time must not be in the future', 120]);
    const readings = (await get(headers, '/api/readings?limit=10')).json<ReadingPage>().items;
    expect(readings.map((reading) => [reading.valueMgdl, reading.beyondRange])).toEqual(
      expect.arrayContaining([
        [39, 'below'],
        [501, 'above'],
        [120, null],
      ]),
    );
    expect(readings.find((reading) => reading.valueMgdl === 120)?.takenAt).toBe('2026-12-05T09:00:00.000Z');
  });

  it('reads entries back newest first: count, type, current, and find[date] bounds', async () => {
    const { apiSecret } = await userWithDevice();
    const dates = [minutesAgo(20), minutesAgo(15), minutesAgo(10), minutesAgo(5)];
    await post(apiSecret, dates.map((date, i) => ({ type: 'sgv', sgv: 100 + i, date })));
    await post(apiSecret, { type: 'mbg', mbg: 90, date: minutesAgo(7) });
    const values = (items: NightscoutEntry[]) => items.map((item) => item.sgv ?? item.mbg);
    expect(values((await get(apiSecret, '/api/v1/entries.json')).json())).toEqual([103, 90, 102, 101, 100]);
    expect(values((await get(apiSecret, '/api/v1/entries.json?count=2')).json())).toEqual([103, 90]);
    expect(values((await get(apiSecret, '/api/v1/entries/sgv.json?count=2')).json())).toEqual([103, 102]);
    expect(values((await get(apiSecret, '/api/v1/entries?count=1')).json())).toEqual([103]);
    const current = (await get(apiSecret, '/api/v1/entries/current.json')).json<NightscoutEntry[]>();
    expect(current).toEqual([expect.objectContaining({ type: 'sgv', sgv: 103, date: dates[3], dateString: new Date(dates[3]!).toISOString() })]);
    expect(values((await get(apiSecret, `/api/v1/entries/sgv.json?find[date][$gte]=${dates[1]}&find[date][$lt]=${dates[3]}`)).json())).toEqual([102, 101]);
    expect((await get(apiSecret, '/api/v1/entries/treatments.json')).statusCode).toBe(404);
    expect((await get(apiSecret, '/api/v1/entries.json?find[date][$gte]=yesterday')).statusCode).toBe(400);
  });

  it('accepts the secret as api-secret (SHA-1 in any case), ?token= and Bearer; refuses a wrong one, a revoked one, and none', async () => {
    const { headers, device } = await userWithDevice();
    const hash = sha1(device.secret);
    for (const credentials of [{ headers: { 'api-secret': hash } }, { headers: { 'api-secret': hash.toUpperCase() } }, { url: `?token=${device.secret}` }, { headers: { authorization: `Bearer ${device.secret}` } }]) {
      const response = await app().inject({ method: 'GET', url: `/api/v1/verifyauth${credentials.url ?? ''}`, headers: credentials.headers });
      expect(response.statusCode, JSON.stringify(credentials)).toBe(200);
      expect(response.json()).toMatchObject({ message: { message: 'OK', canRead: true, canWrite: true } });
    }
    for (const wrong of [{}, { 'api-secret': sha1('guess') }, { authorization: 'Bearer 1234567890' }] as Record<string, string>[]) {
      const response = await get(wrong, '/api/v1/verifyauth');
      expect(response.statusCode, JSON.stringify(wrong)).toBe(401);
      expect(response.json()).toMatchObject({ code: 'UNAUTHORIZED', message: 'Unauthorized' });
    }
    await app().inject({ method: 'DELETE', url: `/api/devices/${device.id}`, headers });
    expect((await get({ 'api-secret': hash }, '/api/v1/entries.json')).statusCode).toBe(401);
  });

  it('lets a read device read but not write, and one user never reads another', async () => {
    const reader = await userWithDevice('read', 'Watch face');
    const denied = await post(reader.apiSecret, { sgv: 120, date: minutesAgo(1) });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await get(reader.apiSecret, '/api/v1/verifyauth')).json()).toMatchObject({ message: { canWrite: false } });
    const uploader = await userWithDevice();
    await post(uploader.apiSecret, { sgv: 180, date: minutesAgo(1) });
    expect((await get(reader.apiSecret, '/api/v1/entries.json')).json()).toEqual([]);
    expect((await get(uploader.apiSecret, '/api/v1/entries.json')).json()).toHaveLength(1);
  });

  it("answers status with a version clients accept and the user's unit and target as thresholds; Loop's test; no profiles", async () => {
    const { headers, apiSecret } = await userWithDevice();
    await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { preferredUnit: 'mmol/L', targetRange: { low: 4, high: 9, unit: 'mmol/L' } } });
    const status = (await get(apiSecret, '/api/v1/status.json')).json();
    expect(status).toMatchObject({ status: 'ok', apiEnabled: true, careportalEnabled: true, settings: { units: 'mmol', thresholds: { bgTargetBottom: 72, bgTargetTop: 162 } } });
    expect(Number(status.version.split('.')[0])).toBeGreaterThanOrEqual(15);
    expect((await get(apiSecret, '/api/v1/experiments/test')).json()).toEqual({ status: 'ok' });
    expect((await get(apiSecret, '/api/v1/profile.json')).json()).toEqual([]);
  });

  it('refuses a 10 MB upload with 413 and a body that is not JSON entries with 400', async () => {
    const { apiSecret } = await userWithDevice();
    const huge = await app().inject({ method: 'POST', url: '/api/v1/entries', headers: { ...apiSecret, 'content-type': 'application/json' }, payload: `[${'{"sgv":100},'.repeat(900_000)}{}]` });
    expect(huge.statusCode).toBe(413);
    const text = await app().inject({ method: 'POST', url: '/api/v1/entries', headers: { ...apiSecret, 'content-type': 'application/json' }, payload: '"just text"' });
    expect(text.statusCode).toBe(400);
    expect((await post(apiSecret, [1, 2])).statusCode).toBe(400);
  });

  it('notes when a device was last used', async () => {
    const { headers, apiSecret } = await userWithDevice();
    await get(apiSecret, '/api/v1/entries.json');
    await vi.waitFor(async () => expect((await get(headers, '/api/devices')).json<DeviceList>().items[0]?.lastUsedAt).not.toBeNull());
  });
});

describe('device secrets across API instances (one grid, one database)', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster(3);
  });
  afterAll(() => cluster.close());
  const instance = (index: number) => cluster.instances[index]!.app;

  it('a device revoked on one instance is refused on every other the moment the revoke returns', async () => {
    const { headers } = await signedInUser(instance(0));
    const device = (await instance(0).inject({ method: 'POST', url: '/api/devices', headers, payload: { name: 'xDrip+', scope: 'upload' } })).json<CreatedDevice>();
    const apiSecret = { 'api-secret': sha1(device.secret) };
    // Every instance has checked the secret (its near cache holds it).
    for (let i = 0; i < 3; i++) {
      const upload = await instance(i).inject({ method: 'POST', url: '/api/v1/entries', headers: apiSecret, payload: { sgv: 110 + i, date: minutesAgo(i + 1) } });
      expect(upload.statusCode, `instance ${i}`).toBe(200);
    }
    expect((await instance(1).inject({ method: 'DELETE', url: `/api/devices/${device.id}`, headers })).statusCode).toBe(204);
    for (const i of [0, 2, 1]) {
      const refused = await instance(i).inject({ method: 'POST', url: '/api/v1/entries', headers: apiSecret, payload: { sgv: 150, date: minutesAgo(10) } });
      expect(refused.statusCode, `instance ${i}`).toBe(401);
    }
    // The readings it sent before stay in the diary.
    expect((await instance(2).inject({ method: 'GET', url: '/api/readings', headers })).json<ReadingPage>().items).toHaveLength(3);
  });

  it('limits each device on all instances together', async () => {
    const limited = await startTestCluster(2);
    try {
      const { headers } = await signedInUser(limited.instances[0]!.app);
      const device = (await limited.instances[0]!.app.inject({ method: 'POST', url: '/api/devices', headers, payload: { name: 'busy', scope: 'read' } })).json<CreatedDevice>();
      const statuses: number[] = [];
      for (let i = 0; i < 302; i++) {
        const response = await limited.instances[i % 2]!.app.inject({ method: 'GET', url: '/api/v1/experiments/test', headers: { 'api-secret': sha1(device.secret) } });
        statuses.push(response.statusCode);
        if (response.statusCode === 429) {
          expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
          expect(response.json()).toMatchObject({ code: 'RATE_LIMITED' });
          break;
        }
      }
      expect(statuses.filter((status) => status === 200)).toHaveLength(300);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
