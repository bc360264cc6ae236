import type { Statistics, TreatmentPage } from '@glucodiary/contracts';
import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';
import { statisticsTreatments } from './statistics-treatments';

describe('statistics of insulin, carbohydrates and lab HbA1c', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  async function add(headers: Record<string, string>, takenAt: string, fields: Record<string, unknown>) {
    const response = await app().inject({ method: 'POST', url: '/api/treatments', headers, payload: { takenAt, ...fields } });
    expect(response.statusCode, response.body).toBe(201);
  }
  const rapid = (units: number, purpose: string) => ({ type: 'insulin', units, insulinKind: 'rapid', purpose });
  const long = (units: number) => ({ type: 'insulin', units, insulinKind: 'long', purpose: 'basal' });
  const carbs = (grams: number) => ({ type: 'carbs', grams });

  // 15–30 March 2026 in Berlin; 29 March, when the clocks go forward, has 23 hours.
  const period = { from: new Date('2026-03-14T23:00:00Z'), to: new Date('2026-03-30T21:59:59Z'), days: 16 };
  const query = `from=${period.from.toISOString()}&to=${period.to.toISOString()}`;

  async function diaryInBerlin() {
    const person = await signedInUser(app());
    await app().inject({ method: 'PATCH', url: '/api/me', headers: person.headers, payload: { timeZone: 'Europe/Berlin' } });
    const { headers } = person;
    // 28 March (UTC+1): 20 long, 6.15 rapid, 60 g.
    await add(headers, '2026-03-28T06:00:00Z', long(20));
    await add(headers, '2026-03-28T11:00:00Z', rapid(6, 'meal'));
    await add(headers, '2026-03-28T11:00:00Z', carbs(60));
    await add(headers, '2026-03-28T15:00:00Z', rapid(0.15, 'correction'));
    // 29 March: 00:30 (UTC+1) and 23:30 (UTC+2) are the same local day: 4 rapid, 18 long, 40 g.
    await add(headers, '2026-03-28T23:30:00Z', rapid(4, 'meal'));
    await add(headers, '2026-03-28T23:30:00Z', carbs(40));
    await add(headers, '2026-03-29T21:30:00Z', long(18));
    await add(headers, '2026-03-29T08:00:00Z', { type: 'hba1c', value: 7.1, unit: '%' });
    // 30 March (UTC+2): 20 long, 10 rapid (5 of it a correction), 10 mixed, 50 g.
    await add(headers, '2026-03-30T05:00:00Z', long(20));
    await add(headers, '2026-03-30T05:00:00Z', { type: 'insulin', units: 10, insulinKind: 'mixed' });
    await add(headers, '2026-03-30T10:00:00Z', rapid(5, 'meal'));
    await add(headers, '2026-03-30T10:00:00Z', carbs(50));
    await add(headers, '2026-03-30T15:00:00Z', rapid(5, 'correction'));
    await add(headers, '2026-03-30T16:00:00Z', { type: 'activity', minutes: 30, intensity: 'moderate' });
    // Lab values inside and outside the period.
    await add(headers, '2026-03-20T08:00:00Z', { type: 'hba1c', value: 53, unit: 'mmol/mol' });
    await add(headers, '2026-01-10T08:00:00Z', { type: 'hba1c', value: 60, unit: 'mmol/mol' });
    return person;
  }

  it('gives the daily insulin, the carbohydrates, the ratio and the lab HbA1c of a period by local day', async () => {
    const { headers, user } = await diaryInBerlin();
    // Another person's diary on the same days never counts.
    const other = await signedInUser(app());
    await add(other.headers, '2026-03-29T10:00:00Z', rapid(100, 'meal'));
    await add(other.headers, '2026-03-29T10:00:00Z', carbs(500));
    await add(other.headers, '2026-03-25T10:00:00Z', { type: 'hba1c', value: 9, unit: '%' });

    const stats = (await app().inject({ method: 'GET', url: `/api/stats?${query}`, headers })).json<Statistics>();
    expect(stats.treatments).toEqual({
      daysWithInsulin: 3,
      daysWithCarbs: 3,
      // 30 March's mixed dose has no purpose: it may have covered breakfast, so that day is not in the ratio.
      daysWithMealInsulinAndCarbs: 2,
      totalDailyInsulin: 29.4, // 88.15 U / 3 days
      rapidPerDay: 6.7, // 20.15 / 3
      longPerDay: 19.3, // 58 / 3
      // Mixed insulin is part basal, part bolus: the share is withheld, not guessed.
      basalPercent: null,
      carbsPerDay: 50, // 150 g / 3 days
      gramsPerUnit: null,
      totals: { rapidUnits: 20.15, longUnits: 58, totalUnits: 88.15, carbsGrams: 150 },
      // From local midnight to the last second of 30 March: no partial day.
      days: [
        { date: '2026-03-30', rapidUnits: 10, longUnits: 20, totalUnits: 40, carbsGrams: 50, partial: false },
        { date: '2026-03-29', rapidUnits: 4, longUnits: 18, totalUnits: 22, carbsGrams: 40, partial: false },
        { date: '2026-03-28', rapidUnits: 6.15, longUnits: 20, totalUnits: 26.15, carbsGrams: 60, partial: false },
      ],
      withheld: [
        {
          figure: 'gramsPerUnit',
          reason: 'needs at least 3 days with meal insulin and carbohydrates (and every dose marked meal, correction or basal), has 2',
        },
        { figure: 'basalPercent', reason: 'mixed or other insulin is part basal, part bolus: its basal share cannot be told' },
      ],
    });
    // An HbA1c tells of about three months: one from up to 90 days before the period's end is shown too.
    expect(stats.hba1c).toEqual([
      { value: 7.1, unit: '%', takenAt: '2026-03-29T08:00:00.000Z' },
      { value: 53, unit: 'mmol/mol', takenAt: '2026-03-20T08:00:00.000Z' },
      { value: 60, unit: 'mmol/mol', takenAt: '2026-01-10T08:00:00.000Z' },
    ]);

    // Without the mixed dose, the ratio and the basal share are given.
    const mixed = (await app().inject({ method: 'GET', url: '/api/treatments?type=insulin&limit=100', headers })).json<TreatmentPage>().items.find((t) => t.insulinKind === 'mixed');
    await app().inject({ method: 'DELETE', url: `/api/treatments/${mixed?.id}`, headers });
    const without = (await app().inject({ method: 'GET', url: `/api/stats?${query}`, headers })).json<Statistics>().treatments;
    expect(without).toMatchObject({ daysWithMealInsulinAndCarbs: 3, gramsPerUnit: 10, basalPercent: 74.2, withheld: [] }); // 150 g / 15 U; 58 / 78.15 U

    // Walked a page of two rows at a time, the figures are the same.
    const paged = (await app().inject({ method: 'GET', url: `/api/stats?${query}`, headers })).json<Statistics>();
    expect(await statisticsTreatments(app().db, user.id, period, 'Europe/Berlin', 2)).toEqual({ treatments: paged.treatments, hba1c: paged.hba1c });
  });

  it('withholds the figures with the reason, and lists no days, for a diary without treatments', async () => {
    const { headers } = await signedInUser(app());
    const stats = (await app().inject({ method: 'GET', url: `/api/stats?${query}`, headers })).json<Statistics>();
    expect(stats.treatments).toMatchObject({ daysWithInsulin: 0, daysWithCarbs: 0, totalDailyInsulin: null, gramsPerUnit: null, days: [] });
    expect(stats.treatments.withheld).toContainEqual({ figure: 'totalDailyInsulin', reason: 'needs at least 3 days with insulin, has 0' });
    expect(stats.hba1c).toEqual([]);
  });
});
