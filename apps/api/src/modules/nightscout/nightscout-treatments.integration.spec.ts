import type { DeviceEventList, DeviceList, NightscoutTreatment, ReadingPage, TreatmentPage } from '@glucodiary/contracts';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip, gzipSync } from 'node:zlib';
import { userWithDevice as deviceUser } from '../../testing/device-secret';
import { startTestApp, type TestApp } from '../../testing/test-app';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const isoMinutesAgo = (minutes: number) => minutesAgo(minutes).toISOString();

describe("the Nightscout API's treatments and device status", () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;
  const userWithDevice = (scope: 'upload' | 'read' = 'upload') => deviceUser(app(), scope);
  const send = (method: 'POST' | 'PUT', headers: Record<string, string>, payload: unknown, url = '/api/v1/treatments') =>
    app().inject({ method, url, headers, payload: payload as object });
  const get = (headers: Record<string, string>, url: string) => app().inject({ method: 'GET', url, headers });
  const diaryTreatments = async (headers: Record<string, string>) => (await get(headers, '/api/treatments?limit=100')).json<TreatmentPage>().items;
  const day = () => `from=${encodeURIComponent(isoMinutesAgo(24 * 60))}&to=${encodeURIComponent(new Date().toISOString())}`;

  it('stores a Meal Bolus with numbers as strings as the dose, the carbs and the finger-stick it carries; its note made plain', async () => {
    const { headers, apiSecret } = await userWithDevice();
    const createdAt = isoMinutesAgo(30);
    const response = await send('POST', apiSecret, {
      eventType: 'Meal Bolus',
      created_at: createdAt,
      carbs: '30',
      insulin: '2.00',
      glucose: 100,
      glucoseType: 'Finger',
      units: 'mg/dl',
      notes: `<IMG SRC="javascript:alert('XSS');">pasta & salad`,
      enteredBy: 'xdrip',
    });
    expect(response.statusCode).toBe(200);
    const [stored] = response.json<NightscoutTreatment[]>();
    expect(stored).toMatchObject({ _id: expect.stringMatching(/^[0-9a-f]{24}$/), eventType: 'Meal Bolus', created_at: createdAt, carbs: 30, insulin: 2, glucose: 100, notes: 'pasta & salad' });
    expect(JSON.stringify(stored)).not.toMatch(/img|javascript/i);

    const treatments = await diaryTreatments(headers);
    expect(treatments.map((t) => [t.type, t.units ?? t.grams, t.insulinKind, t.purpose, t.note, t.source, t.deviceName])).toEqual(
      expect.arrayContaining([
        ['insulin', 2, 'rapid', 'meal', 'pasta & salad', 'upload', 'xDrip+ on my Pixel'],
        ['carbs', 30, null, null, null, 'upload', 'xDrip+ on my Pixel'],
      ]),
    );
    expect(treatments).toHaveLength(2);
    const readings = (await get(headers, '/api/readings')).json<ReadingPage>().items;
    expect(readings.map((r) => [r.valueMgdl, r.kind, r.takenAt])).toEqual([[100, 'fingerstick', createdAt]]);
  });

  it('adds nothing for a retry, and replaces a treatment sent again (PUT, as xDrip+ does) with the same event type and time', async () => {
    const { headers, apiSecret } = await userWithDevice();
    const treatment = { eventType: 'Meal Bolus', created_at: isoMinutesAgo(60), carbs: 45, insulin: 4.5 };
    const first = (await send('POST', apiSecret, treatment)).json<NightscoutTreatment[]>();
    const retries = await Promise.all([send('POST', apiSecret, [treatment]), send('PUT', apiSecret, treatment)]);
    for (const retry of retries) expect(retry.json<NightscoutTreatment[]>()[0]?._id).toBe(first[0]?._id);
    expect(await diaryTreatments(headers)).toHaveLength(2);

    // The user corrected the carbs in the app, and dropped the dose.
    const edited = (await send('PUT', apiSecret, { ...treatment, carbs: '50', insulin: 0 })).json<NightscoutTreatment[]>();
    expect(edited[0]?._id).toBe(first[0]?._id);
    expect((await diaryTreatments(headers)).map((t) => [t.type, t.grams])).toEqual([['carbs', 50]]);
  });

  it('maps every event type uploaders send: doses, carbs, notes, exercise, site and sensor changes, BG checks in mmol/L, and keeps the rest as device events', async () => {
    const { headers, apiSecret } = await userWithDevice();
    const answered = (
      await send('POST', apiSecret, [
        { eventType: 'Correction Bolus', created_at: isoMinutesAgo(10), insulin: 1.25 },
        { eventType: 'Correction Bolus', created_at: isoMinutesAgo(11), insulin: 0.025, enteredBy: 'loop://iPhone' },
        { eventType: 'Carb Correction', created_at: isoMinutesAgo(12), carbs: 15, absorptionTime: 180 },
        { eventType: 'Note', created_at: isoMinutesAgo(13), notes: 'site itchy' },
        { eventType: 'Exercise', created_at: isoMinutesAgo(14), duration: '45', notes: 'run' },
        { eventType: 'Site Change', created_at: isoMinutesAgo(15) },
        { eventType: 'Sensor Start', created_at: isoMinutesAgo(16) },
        { eventType: 'BG Check', created_at: isoMinutesAgo(17), glucose: '5.5', glucoseType: 'Finger', units: 'mmol' },
        { eventType: 'Temp Basal', created_at: isoMinutesAgo(18), duration: 30, absolute: 0.8, rate: 0.8, enteredBy: 'openaps://AndroidAPS' },
        { eventType: 'Profile Switch', created_at: isoMinutesAgo(19), profile: 'Weekend', duration: 0, percentage: 90 },
        { eventType: 'Meal Bolus', created_at: isoMinutesAgo(20), insulin: 'two' },
        { eventType: 'Meal Bolus', created_at: isoMinutesAgo(21) },
        { eventType: 'BG Check', created_at: isoMinutesAgo(22), glucose: 900, units: 'mg/dl' },
        { eventType: 'Bolus', created_at: '2026-12-05T10:00:00.000+0100', insulin: 3 },
      ])
    ).json<NightscoutTreatment[]>();
    expect(answered.map((item) => item.refused ?? item.eventType)).toEqual([
      'Correction Bolus',
      'Correction Bolus',
      'Carb Correction',
      'Note',
      'Exercise',
      'Site Change',
      'Sensor Start',
      'BG Check',
      'Temp Basal',
      'Profile Switch',
      '`insulin` is not a number',
      'a Meal Bolus with nothing to store: send insulin, carbs, glucose or notes',
      "glucose 900 mg/dl is outside a meter's range (20–600 mg/dL)",
      'Bolus',
    ]);
    const treatments = await diaryTreatments(headers);
    expect(treatments.map((t) => [t.type, t.units ?? t.grams ?? t.minutes ?? t.note, t.purpose])).toEqual(
      expect.arrayContaining([
        ['insulin', 1.25, 'correction'],
        ['insulin', 0.025, 'correction'],
        ['carbs', 15, null],
        ['note', 'site itchy', null],
        ['activity', 45, null],
        ['site-change', null, null],
        ['sensor-change', null, null],
        ['insulin', 3, null],
      ]),
    );
    expect(treatments).toHaveLength(8);
    expect(treatments.find((t) => t.units === 3)?.takenAt).toBe('2026-12-05T09:00:00.000Z');
    const readings = (await get(headers, '/api/readings')).json<ReadingPage>().items;
    expect(readings.map((r) => [r.valueMgdl, r.kind])).toEqual([[99.1, 'fingerstick']]);

    // What the diary does not model is kept and shown with the day.
    const events = (await get(headers, `/api/devices/events?${day()}`)).json<DeviceEventList>();
    expect(events.items.map((e) => [e.eventType, e.durationMinutes, e.details, e.deviceName])).toEqual([
      ['Temp Basal', 30, { absolute: 0.8, rate: 0.8, enteredBy: 'openaps://AndroidAPS' }, 'xDrip+ on my Pixel'],
      ['Profile Switch', 0, { percentage: 90, profile: 'Weekend' }, 'xDrip+ on my Pixel'],
    ]);
  });

  it('reads treatments back newest first as Nightscout lists them, by count and created_at, and deletes one by its _id', async () => {
    const { headers, apiSecret } = await userWithDevice();
    const [meal] = (await send('POST', apiSecret, { eventType: 'Meal Bolus', created_at: isoMinutesAgo(50), carbs: 40, insulin: 4 })).json<NightscoutTreatment[]>();
    await send('POST', apiSecret, [
      { eventType: 'Temp Basal', created_at: isoMinutesAgo(40), duration: 30, absolute: 1.2 },
      { eventType: 'Correction Bolus', created_at: isoMinutesAgo(30), insulin: 1 },
    ]);
    // Typed in the diary: a long-acting dose is told in notes, never counted as insulin on board.
    await app().inject({ method: 'POST', url: '/api/treatments', headers, payload: { takenAt: isoMinutesAgo(20), type: 'insulin', units: 20, insulinKind: 'long', insulinName: 'Tresiba' } });

    const listed = (await get(apiSecret, '/api/v1/treatments.json')).json<NightscoutTreatment[]>();
    expect(listed.map((t) => [t.eventType, t.insulin ?? null, t.carbs ?? null, t.notes ?? null])).toEqual([
      ['Note', null, null, 'long insulin 20 U (Tresiba)'],
      ['Correction Bolus', 1, null, null],
      ['Temp Basal', null, null, null],
      ['Meal Bolus', 4, 40, null],
    ]);
    expect(listed[2]).toMatchObject({ duration: 30, absolute: 1.2 });
    expect(listed[3]?._id).toBe(meal?._id);
    expect((await get(apiSecret, '/api/v1/treatments?count=2')).json()).toHaveLength(2);
    const since = encodeURIComponent(isoMinutesAgo(45));
    expect((await get(apiSecret, `/api/v1/treatments.json?find[created_at][$gte]=${since}`)).json<NightscoutTreatment[]>().map((t) => t.eventType)).toEqual([
      'Note',
      'Correction Bolus',
      'Temp Basal',
    ]);

    const deleted = await app().inject({ method: 'DELETE', url: `/api/v1/treatments/${meal?._id}`, headers: apiSecret });
    expect([deleted.statusCode, deleted.json()]).toEqual([200, { acknowledged: true, deletedCount: 2 }]);
    expect((await diaryTreatments(headers)).map((t) => t.type)).toEqual(['insulin', 'insulin']);
    // As Nightscout: deleting what is gone is still a 200 (Loop takes anything else for a failure), with nothing deleted.
    expect((await app().inject({ method: 'DELETE', url: `/api/v1/treatments/${meal?._id}`, headers: apiSecret })).json()).toEqual({ acknowledged: true, deletedCount: 0 });
  });

  it("takes xDrip+'s PUT of one treatment with its own _id: an edit of its time replaces it, and a delete by that _id removes it", async () => {
    const { headers, apiSecret } = await userWithDevice();
    const at = minutesAgo(90);
    at.setMilliseconds(0);
    // What xDrip+ sends: created_at in UTC without milliseconds, sysTime with a +hhmm offset, timestamp in epoch ms, _id from its uuid.
    const xdrip = {
      _id: '5f2b6c1e9a7d4c3b8e1f0a2d',
      uuid: '5f2b6c1e-9a7d-4c3b-8e1f-0a2d3c4b5a69',
      eventType: '<none>',
      enteredBy: 'xdrip',
      created_at: at.toISOString().replace('.000', ''),
      sysTime: '2026-12-05T10:00:00.000+0100',
      timestamp: at.getTime(),
      carbs: 25,
      insulin: 3.5,
      insulinInjections: '[{"insulin":"Fiasp","units":3.5}]',
      notes: 'breakfast',
    };
    const put = await send('PUT', apiSecret, xdrip);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual([expect.objectContaining({ _id: xdrip._id, eventType: '<none>', carbs: 25, insulin: 3.5, created_at: at.toISOString() })]);
    // Rows of one instant come in no particular order: sorted by type here.
    expect((await diaryTreatments(headers)).map((t) => [t.type, t.units ?? t.grams, t.insulinName, t.purpose, t.takenAt]).sort()).toEqual([
      ['carbs', 25, null, null, at.toISOString()],
      ['insulin', 3.5, 'Fiasp', 'meal', at.toISOString()],
    ]);

    // Moved ten minutes earlier in xDrip+: the same _id, a new time.
    const earlier = new Date(at.getTime() - 10 * 60_000);
    await send('PUT', apiSecret, { ...xdrip, created_at: earlier.toISOString(), timestamp: earlier.getTime() });
    expect((await diaryTreatments(headers)).map((t) => t.takenAt)).toEqual([earlier.toISOString(), earlier.toISOString()]);

    expect((await app().inject({ method: 'DELETE', url: `/api/v1/treatments/${xdrip._id}`, headers: apiSecret })).json()).toEqual({ acknowledged: true, deletedCount: 2 });
    expect(await diaryTreatments(headers)).toEqual([]);
  });

  it("answers Loop's batch one string _id per item in order, with the times it reads back; a suspend is a zero temp basal", async () => {
    const { headers, apiSecret } = await userWithDevice();
    const iso = (minutes: number) => isoMinutesAgo(minutes).replace(/\.\d{3}Z$/, 'Z');
    const loop = [
      { eventType: 'Correction Bolus', created_at: iso(25), timestamp: iso(25), enteredBy: 'loop://iPhone', type: 'normal', insulin: 0.35, programmed: 0.35, automatic: true, insulinType: 'fiasp', syncIdentifier: 'abc' },
      { eventType: 'Temp Basal', created_at: iso(24), timestamp: iso(24), enteredBy: 'loop://iPhone', temp: 'absolute', rate: 0, absolute: 0, duration: 30, reason: 'suspend', automatic: false },
      { eventType: 'Carb Correction', created_at: iso(23), timestamp: iso(23), enteredBy: 'loop://iPhone', carbs: 40, absorptionTime: 180, foodType: '🍕' },
      { eventType: 'Temporary Override', _id: '69F15FD2-8075-4DEB-AEA3-4352F455840D', created_at: iso(22), timestamp: iso(22), reason: 'Running', duration: 60, correctionRange: [140, 160], insulinNeedsScaleFactor: 0.5 },
    ];
    const answered = (await send('POST', apiSecret, loop)).json<NightscoutTreatment[]>();
    expect(answered).toHaveLength(4);
    expect(answered.every((item) => typeof item._id === 'string' && /^[0-9a-f]{24}$/.test(item._id))).toBe(true);
    expect(answered.map((item) => [item.eventType, item.timestamp])).toEqual(loop.map((item) => [item.eventType, new Date(item.created_at).toISOString()]));
    expect((await diaryTreatments(headers)).map((t) => [t.type, t.units ?? t.grams, t.insulinName])).toEqual([
      ['carbs', 40, null],
      ['insulin', 0.35, 'Fiasp'],
    ]);
    const events = (await get(headers, `/api/devices/events?${day()}`)).json<DeviceEventList>().items;
    expect(events.map((e) => [e.eventType, e.durationMinutes, e.details['rate'], e.details['reason']])).toEqual([
      ['Temporary Override', 60, undefined, 'Running'],
      ['Temp Basal', 30, 0, 'suspend'],
    ]);
    // Loop sends the override again with the same _id and a longer duration: still one.
    await send('POST', apiSecret, [{ ...loop[3], duration: 120 }]);
    expect((await get(headers, `/api/devices/events?${day()}`)).json<DeviceEventList>().items.map((e) => e.durationMinutes)).toEqual([120, 30]);
  });

  it("puts a pre-bolus meal's carbs that many minutes after the dose, as Nightscout's careportal does", async () => {
    const { headers, apiSecret } = await userWithDevice();
    const at = minutesAgo(60);
    await send('POST', apiSecret, { eventType: 'Meal Bolus', created_at: at.toISOString(), carbs: '30', insulin: '2.00', preBolus: '15' });
    expect((await diaryTreatments(headers)).map((t) => [t.type, t.takenAt])).toEqual([
      ['carbs', new Date(at.getTime() + 15 * 60_000).toISOString()],
      ['insulin', at.toISOString()],
    ]);
  });

  it('lets a read device neither write nor delete treatments, and one user never reads another', async () => {
    const reader = await userWithDevice('read');
    expect((await send('POST', reader.apiSecret, { eventType: 'Note', notes: 'x' })).statusCode).toBe(403);
    expect((await send('PUT', reader.apiSecret, { eventType: 'Note', notes: 'x' })).statusCode).toBe(403);
    expect((await send('POST', reader.apiSecret, { uploaderBattery: 50 }, '/api/v1/devicestatus')).statusCode).toBe(403);
    const uploader = await userWithDevice();
    const [note] = (await send('POST', uploader.apiSecret, { eventType: 'Note', notes: 'mine' })).json<NightscoutTreatment[]>();
    expect((await get(reader.apiSecret, '/api/v1/treatments.json')).json()).toEqual([]);
    expect((await app().inject({ method: 'DELETE', url: `/api/v1/treatments/${note?._id}`, headers: reader.apiSecret })).statusCode).toBe(403);
    const stranger = await userWithDevice();
    expect((await app().inject({ method: 'DELETE', url: `/api/v1/treatments/${note?._id}`, headers: stranger.apiSecret })).json()).toMatchObject({ deletedCount: 0 });
    expect(await diaryTreatments(uploader.headers)).toHaveLength(1);
  });

  it("stores device status from xDrip+ and Loop, reads it back, and shows the newest in the user's device list", async () => {
    const { headers, apiSecret } = await userWithDevice();
    const xdrip = await send('POST', apiSecret, { device: 'xDrip-DexcomG6', uploaderBattery: 64, created_at: isoMinutesAgo(10) }, '/api/v1/devicestatus');
    expect(xdrip.statusCode).toBe(200);
    expect(xdrip.json()).toEqual([expect.objectContaining({ _id: expect.any(String), uploaderBattery: 64 })]);
    const loop = {
      device: 'loop://iPhone',
      created_at: isoMinutesAgo(5),
      uploader: { battery: 81, name: '<b>iPhone</b>' },
      pump: { battery: { percent: 40 }, reservoir: 112.35, clock: isoMinutesAgo(5) },
      loop: { iob: { iob: 1.234 }, cob: { cob: 18.4 }, enacted: { rate: 0.65, duration: 30, received: true }, predicted: { values: [120, 118, 117] } },
    };
    expect((await send('POST', apiSecret, loop, '/api/v1/devicestatus.json')).statusCode).toBe(200);

    const listed = (await get(apiSecret, '/api/v1/devicestatus.json?count=1')).json();
    expect(listed).toEqual([expect.objectContaining({ device: 'loop://iPhone', uploader: { battery: 81, name: 'iPhone' }, loop: expect.objectContaining({ predicted: { values: [120, 118, 117] } }) })]);
    const [device] = (await get(headers, '/api/devices')).json<DeviceList>().items;
    expect(device?.latestStatus).toEqual({
      reportedAt: loop.created_at,
      uploaderBatteryPercent: 81,
      pumpBatteryPercent: 40,
      pumpReservoirUnits: 112.4,
      insulinOnBoardUnits: 1.23,
      carbsOnBoardGrams: 18,
      loop: 'enacted temp basal 0.65 U/h for 30 min',
    });
    const huge = await send('POST', apiSecret, { device: 'x', blob: 'y'.repeat(40_000) }, '/api/v1/devicestatus');
    expect(huge.json()).toEqual([{ refused: 'a device status must be at most 32 kB' }]);
  });

  it('takes gzipped bodies, as uploaders on a slow connection send them, and refuses one that unpacks beyond the limit', async () => {
    const { headers, apiSecret } = await userWithDevice();
    const entries = Array.from({ length: 100 }, (_, i) => ({ type: 'sgv', sgv: 100 + i, date: minutesAgo(5 * (i + 1)).getTime() }));
    const gzipped = await app().inject({
      method: 'POST',
      url: '/api/v1/entries',
      headers: { ...apiSecret, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify(entries)),
    });
    expect(gzipped.statusCode, gzipped.body).toBe(200);
    expect((await get(headers, '/api/readings?limit=200')).json<ReadingPage>().items).toHaveLength(100);
    // 10 MB of JSON packs into some 10 kB: the limit holds for what it unpacks to.
    const bomb = gzipSync(`[${'{"sgv":100},'.repeat(900_000)}{}]`);
    expect(bomb.length).toBeLessThan(100_000);
    const refused = await app().inject({ method: 'POST', url: '/api/v1/entries', headers: { ...apiSecret, 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: bomb });
    expect(refused.statusCode).toBe(413);
    const garbled = await app().inject({ method: 'POST', url: '/api/v1/treatments', headers: { ...apiSecret, 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: 'not gzip' });
    expect(garbled.statusCode).toBe(400);
  });

  it("advertises gzip as xDrip+ looks for it, and takes xDrip+'s gzip sent in chunks over a real connection", async () => {
    const { headers, apiSecret } = await userWithDevice();
    // xDrip+ gzips its uploads from the first answer that says `accept-encoding: gzip` (or comes from Express) on.
    expect((await get(apiSecret, '/api/v1/status.json')).headers['accept-encoding']).toContain('gzip');
    const server = await app().listen({ host: '127.0.0.1', port: 0 });
    const { port } = app().server.address() as AddressInfo;
    expect(server).toContain('127.0.0.1');
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, method: 'PUT', path: '/api/v1/treatments', headers: { ...apiSecret, 'content-type': 'application/json', 'content-encoding': 'gzip', 'transfer-encoding': 'chunked' } },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      const gzip = createGzip();
      gzip.pipe(request);
      const body = JSON.stringify({ eventType: '<none>', created_at: isoMinutesAgo(3), carbs: 12, enteredBy: 'xdrip', notes: 'x'.repeat(300) });
      // Written in small pieces, as OkHttp streams a body of unknown length.
      for (let offset = 0; offset < body.length; offset += 50) gzip.write(body.slice(offset, offset + 50));
      gzip.end();
    });
    expect(status).toBe(200);
    expect((await diaryTreatments(headers)).map((t) => t.grams)).toEqual([12]);
  });
});
