import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';

describe('statistics and reports API', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  async function add(headers: Record<string, string>, takenAt: string, value: number, context = 'other', unit = 'mg/dL') {
    const response = await app().inject({ method: 'POST', url: '/api/readings', headers, payload: { takenAt, value, unit, context } });
    expect(response.statusCode).toBe(201);
  }

  it('computes the statistics of a period in the user unit, with TIR bands', async () => {
    const { headers } = await signedInUser(app());
    const values = [50, 60, 80, 100, 120, 150, 170, 200, 240, 300];
    for (const [index, value] of values.entries()) {
      await add(headers, `2026-05-0${1 + (index % 5)}T08:00:00Z`, value, index % 2 ? 'after_meal' : 'before_meal');
    }
    const query = 'from=2026-05-01T00:00:00Z&to=2026-05-05T23:59:59Z';
    const stats = (await app().inject({ method: 'GET', url: `/api/stats?${query}`, headers })).json();
    expect(stats).toMatchObject({
      unit: 'mg/dL',
      count: 10,
      days: 5,
      readingsPerDay: 2,
      mean: 147,
      lowest: 50,
      highest: 300,
      timeInRange: { veryLow: 10, low: 10, inRange: 50, high: 20, veryHigh: 10 },
      gmiPercent: null,
      targetRange: { low: 70, high: 180 },
      readingsUsed: { sensor: 0, fingerstick: 10 },
      scansNotCounted: 0,
      sensorActivePercent: null,
    });
    expect(stats.standardDeviation).toBe(82); // sample SD of the ten values: sqrt(59810 / 9) = 81.5
    expect(stats.withheld).toContainEqual({ figure: 'gmi', reason: 'needs at least 28 readings, has 10' });
    expect(stats.latest.value).toBe(300);

    await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { preferredUnit: 'mmol/L' } });
    const inMmol = (await app().inject({ method: 'GET', url: `/api/stats?${query}`, headers })).json();
    expect(inMmol).toMatchObject({ unit: 'mmol/L', mean: 8.2, lowest: 2.8, highest: 16.6, targetRange: { low: 3.9, high: 10 } });
  });

  it('covers the last 14 local days by default and says when there is nothing to show', async () => {
    const { headers } = await signedInUser(app());
    const stats = (await app().inject({ method: 'GET', url: '/api/stats', headers })).json();
    expect(stats.count).toBe(0);
    expect(stats.days).toBe(14);
    expect(stats.mean).toBeNull();
    expect(stats.latest).toBeNull();
    expect(stats.withheld.length).toBeGreaterThan(0);
  });

  it('counts a scan beside the sensor history once, says which readings it used and how long the sensor was active', async () => {
    const { headers, user } = await signedInUser(app());
    // A day of 15-minute Libre history at 120 mg/dL, missing 02:00–04:00, starting with a Low stored at the limit.
    const start = Date.parse('2026-08-01T00:00:00Z');
    const minutes = (minute: number) => new Date(start + minute * 60_000);
    const slots = Array.from({ length: 96 }, (_, slot) => slot).filter((slot) => slot < 8 || slot >= 16);
    await app().db.reading.createMany({
      data: [
        ...slots.map((slot) => ({
          userId: user.id,
          takenAt: minutes(slot * 15),
          valueMgdl: slot === 0 ? 39 : 120,
          beyondRange: slot === 0 ? ('below' as const) : null,
          mealContext: 'other' as const,
          kind: 'sensor' as const,
          source: 'sensor_history' as const,
        })),
        // 10 minutes from the 10:00 history reading: the same moment, shown but not counted again.
        { userId: user.id, takenAt: minutes(10 * 60 + 10), valueMgdl: 300, mealContext: 'other' as const, kind: 'sensor' as const, source: 'sensor_scan' as const },
        // In the gap of the history: the only reading of its moment.
        { userId: user.id, takenAt: minutes(3 * 60), valueMgdl: 200, mealContext: 'other' as const, kind: 'sensor' as const, source: 'sensor_scan' as const },
      ],
    });
    await add(headers, '2026-08-01T12:00:00Z', 130, 'before_meal');
    const query = 'from=2026-08-01T00:00:00Z&to=2026-08-02T00:00:00Z';

    const stats = (await app().inject({ method: 'GET', url: `/api/stats?${query}`, headers })).json();
    expect(stats).toMatchObject({
      count: 90,
      readingsUsed: { sensor: 89, fingerstick: 1 },
      scansNotCounted: 1,
      sensorActivePercent: 91.7, // 88 of the day's 96 slots
      lowest: 39,
      highest: 200,
    });
    expect(stats.timeInRange.veryLow).toBe(1.1); // the stored Low: 1 of 90
    const agp = (await app().inject({ method: 'GET', url: `/api/reports/agp?${query}`, headers })).json();
    expect(agp.count).toBe(90);
    const trend = (await app().inject({ method: 'GET', url: `/api/reports/trend?${query}`, headers })).json();
    expect(trend.count).toBe(91); // the trend shows every reading, the scan beside the history too
  });

  it('builds the daily pattern by local hour', async () => {
    const { headers } = await signedInUser(app());
    await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { timeZone: 'America/New_York' } });
    for (let day = 1; day <= 5; day++) await add(headers, `2026-06-0${day}T12:30:00Z`, 100 + day * 10); // 08:30 in New York
    const agp = (
      await app().inject({ method: 'GET', url: '/api/reports/agp?from=2026-06-01T00:00:00Z&to=2026-06-06T00:00:00Z', headers })
    ).json();
    expect(agp.points).toHaveLength(24);
    expect(agp.points[8]).toMatchObject({ hour: 8, count: 5, median: 130, p25: 120, p75: 140 });
    expect(agp.points[12]).toMatchObject({ count: 0, median: null });
  });

  it('lays out the logbook by local day and meal', async () => {
    const { headers } = await signedInUser(app());
    await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { timeZone: 'Europe/Berlin' } });
    await add(headers, '2026-07-01T05:30:00Z', 95, 'fasting');
    await add(headers, '2026-07-01T11:00:00Z', 165, 'after_meal');
    const book = (
      await app().inject({ method: 'GET', url: '/api/reports/logbook?from=2026-07-01T00:00:00Z&to=2026-07-02T00:00:00Z', headers })
    ).json();
    expect(book.days).toHaveLength(1);
    expect(book.days[0].date).toBe('2026-07-01');
    expect(book.days[0].entries.map((e: { slot: string; timing: string; reading: { value: number } }) => [e.slot, e.timing, e.reading.value])).toEqual([
      ['breakfast', 'before', 95],
      ['lunch', 'after', 165],
    ]);
  });

  it('sums a sensor up per day and slot in the logbook, LO and HI marked, and keeps finger-sticks single', async () => {
    const { headers, user } = await signedInUser(app());
    await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { timeZone: 'Europe/Berlin', preferredUnit: 'mmol/L' } });
    const at = (iso: string, minutes = 0) => new Date(Date.parse(iso) + minutes * 60_000);
    const sensorLunch = [{ valueMgdl: 39, beyondRange: 'below' as const }, { valueMgdl: 90 }, { valueMgdl: 126 }, { valueMgdl: 180 }, { valueMgdl: 401, beyondRange: 'above' as const }];
    await app().db.reading.createMany({
      data: [
        // 12:00–12:20 in Berlin, every five minutes.
        ...sensorLunch.map((reading, index) => ({
          userId: user.id,
          takenAt: at('2026-07-01T10:00:00Z', index * 5),
          mealContext: 'other' as const,
          kind: 'sensor' as const,
          source: 'sensor_history' as const,
          ...reading,
        })),
        { userId: user.id, takenAt: at('2026-07-01T10:30:00Z'), valueMgdl: 144, mealContext: 'other', kind: 'fingerstick', source: 'meter' },
        { userId: user.id, takenAt: at('2026-07-01T10:10:00Z'), valueMgdl: 108, mealContext: 'before_meal', kind: 'fingerstick', source: 'typed' },
      ],
    });
    const book = (
      await app().inject({ method: 'GET', url: '/api/reports/logbook?from=2026-07-01T00:00:00Z&to=2026-07-02T00:00:00Z', headers })
    ).json();
    expect(book.days).toHaveLength(1);
    const [day] = book.days;
    expect(day.entries.map((e: { slot: string; timing: string; reading: { value: number; kind: string } }) => [e.slot, e.timing, e.reading.value, e.reading.kind])).toEqual([
      ['lunch', 'before', 6, 'fingerstick'],
      ['lunch', null, 8, 'fingerstick'], // "other" at 12:30: neither before nor after lunch
    ]);
    expect(day.sensorSummaries).toEqual([
      {
        slot: 'lunch',
        count: 5,
        median: { value: 7, valueMgdl: 126, beyondRange: null },
        lowest: { value: 2.2, valueMgdl: 39, beyondRange: 'below' },
        highest: { value: 22.3, valueMgdl: 401, beyondRange: 'above' },
      },
    ]);
  });

  it('refuses an inverted or overlong period with 400', async () => {
    const { headers } = await signedInUser(app());
    for (const query of ['from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z', 'from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from=yesterday']) {
      const response = await app().inject({ method: 'GET', url: `/api/stats?${query}`, headers });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('accepts a period of two years for the figures, but at most 92 days for a logbook', async () => {
    const { headers } = await signedInUser(app());
    await add(headers, '2025-05-31T08:00:00Z', 111);
    const twoYears = 'from=2024-06-01T00:00:00Z&to=2026-05-31T00:00:00Z';
    for (const url of [`/api/stats?${twoYears}`, `/api/reports/agp?${twoYears}`]) {
      expect((await app().inject({ method: 'GET', url, headers })).statusCode, url).toBe(200);
    }
    const logbook = (query: string) => app().inject({ method: 'GET', url: `/api/reports/logbook?${query}`, headers });
    const tooLong = await logbook('from=2025-03-01T00:00:00Z&to=2025-06-01T00:00:01Z');
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'from', message: expect.stringMatching(/^a logbook covers at most 92 days/) }] });
    const longest = await logbook('from=2025-03-01T00:00:00Z&to=2025-06-01T00:00:00Z');
    expect(longest.statusCode).toBe(200);
    expect(longest.json().days).toEqual([expect.objectContaining({ date: '2025-05-31' })]);
  });

  it('gives the trend as every reading, then as stretches once the period holds more than 2,000', async () => {
    const { headers, user } = await signedInUser(app());
    await add(headers, '2026-02-01T08:00:00Z', 180);
    await add(headers, '2026-02-01T07:00:00Z', 90);
    const trend = (query: string) => app().inject({ method: 'GET', url: `/api/reports/trend?${query}`, headers });
    const few = (await trend('from=2026-02-01T00:00:00Z&to=2026-02-02T00:00:00Z')).json();
    expect(few).toMatchObject({ unit: 'mg/dL', count: 2, bucketMinutes: null });
    expect(few.points).toEqual([
      { at: '2026-02-01T07:00:00.000Z', value: 90, lowest: 90, highest: 90, count: 1, kind: 'fingerstick' },
      { at: '2026-02-01T08:00:00.000Z', value: 180, lowest: 180, highest: 180, count: 1, kind: 'fingerstick' },
    ]);

    // Thirty days of CGM data, 5-minute readings alternating 100 and 200 mg/dL.
    const start = Date.parse('2026-03-01T00:00:00Z');
    await app().db.reading.createMany({
      data: Array.from({ length: 30 * 288 }, (_, index) => ({
        userId: user.id,
        takenAt: new Date(start + index * 5 * 60_000),
        valueMgdl: index % 2 ? 200 : 100,
        mealContext: 'other' as const,
      })),
    });
    await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { preferredUnit: 'mmol/L' } });
    const many = (await trend('from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z')).json();
    expect(many).toMatchObject({ unit: 'mmol/L', count: 8640, bucketMinutes: 60 });
    expect(many.points).toHaveLength(720);
    expect(many.points[0]).toEqual({ at: '2026-03-01T00:30:00.000Z', value: 8.3, lowest: 5.5, highest: 11.1, count: 12, kind: null });
    expect(many.points.at(-1).at).toBe('2026-03-30T23:30:00.000Z');
  });
});
