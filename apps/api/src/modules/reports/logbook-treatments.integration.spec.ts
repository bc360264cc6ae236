import type { LogbookReport } from '@glucodiary/contracts';
import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';

describe('logbook insulin and carbs', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  async function berliner() {
    const { headers } = await signedInUser(app());
    await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { timeZone: 'Europe/Berlin' } });
    return headers;
  }
  async function add(headers: Record<string, string>, takenAt: string, fields: Record<string, unknown>) {
    const response = await app().inject({ method: 'POST', url: '/api/treatments', headers, payload: { takenAt, ...fields } });
    expect(response.statusCode, JSON.stringify(fields)).toBe(201);
  }
  // 1 and 2 July in Berlin (CEST, UTC+2).
  const logbookOf = async (headers: Record<string, string>) =>
    (await app().inject({ method: 'GET', url: '/api/reports/logbook?from=2026-06-30T22:00:00Z&to=2026-07-02T22:00:00Z', headers })).json<LogbookReport>();
  const dose = (units: number, doses: number) => ({ units, doses });
  const none = dose(0, 0);

  it('sums insulin and carbs per day and slot, rapid and long apart, and shows no other user’s', async () => {
    const headers = await berliner();
    const fasting = { takenAt: '2026-07-01T05:30:00Z', value: 110, unit: 'mg/dL', context: 'fasting' }; // 07:30
    expect((await app().inject({ method: 'POST', url: '/api/readings', headers, payload: fasting })).statusCode).toBe(201);
    await add(headers, '2026-07-01T05:40:00Z', { type: 'carbs', grams: 45 }); // 07:40: breakfast
    await add(headers, '2026-07-01T05:45:00Z', { type: 'insulin', units: 4, insulinKind: 'rapid', purpose: 'meal' });
    await add(headers, '2026-07-01T05:50:00Z', { type: 'insulin', units: 12, insulinKind: 'long', purpose: 'basal' });
    await add(headers, '2026-07-01T06:30:00Z', { type: 'insulin', units: 2.5, insulinKind: 'rapid', purpose: 'correction' }); // 08:30
    await add(headers, '2026-07-01T07:00:00Z', { type: 'carbs', grams: 15 }); // 09:00
    await add(headers, '2026-07-01T10:00:00Z', { type: 'activity', minutes: 30, intensity: 'light' }); // not in the logbook
    await add(headers, '2026-07-01T16:00:00Z', { type: 'insulin', units: 10, insulinKind: 'mixed' }); // 18:00: dinner
    await add(headers, '2026-07-01T21:30:00Z', { type: 'insulin', units: 14, insulinKind: 'long' }); // 23:30: bedtime
    await add(headers, '2026-07-01T22:30:00Z', { type: 'insulin', units: 1, insulinKind: 'rapid' }); // 00:30 on 2 July: night
    await add(headers, '2026-06-30T21:00:00Z', { type: 'insulin', units: 20, insulinKind: 'long' }); // 23:00 on 30 June: before the period

    const someoneElse = await berliner();
    await add(someoneElse, '2026-07-01T05:45:00Z', { type: 'insulin', units: 50, insulinKind: 'rapid' });
    await add(someoneElse, '2026-07-01T05:45:00Z', { type: 'carbs', grams: 200 });

    const book = await logbookOf(headers);
    expect(book.days.map((day) => day.date)).toEqual(['2026-07-02', '2026-07-01']);
    const [second, first] = book.days;
    expect(second?.treatments).toEqual([{ slot: 'night', insulin: { rapid: dose(1, 1), long: none, other: none }, carbs: { grams: 0, entries: 0 } }]);
    expect(first?.treatments).toEqual([
      { slot: 'breakfast', insulin: { rapid: dose(6.5, 2), long: dose(12, 1), other: none }, carbs: { grams: 60, entries: 2 } },
      { slot: 'dinner', insulin: { rapid: none, long: none, other: dose(10, 1) }, carbs: { grams: 0, entries: 0 } },
      { slot: 'bedtime', insulin: { rapid: none, long: dose(14, 1), other: none }, carbs: { grams: 0, entries: 0 } },
    ]);
    expect(first?.entries.map((entry) => [entry.slot, entry.timing, entry.reading.value])).toEqual([['breakfast', 'before', 110]]);

    const theirs = await logbookOf(someoneElse);
    expect(theirs.days).toEqual([
      {
        date: '2026-07-01',
        entries: [],
        sensorSummaries: [],
        treatments: [{ slot: 'breakfast', insulin: { rapid: dose(50, 1), long: none, other: none }, carbs: { grams: 200, entries: 1 } }],
      },
    ]);
  });
});
