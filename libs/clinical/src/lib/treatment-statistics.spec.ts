import { treatmentStatistics, type TreatmentForStatistics } from './treatment-statistics';

type Dose = Pick<TreatmentForStatistics, 'insulinKind' | 'purpose'>;
const insulin = (at: string, units: number, { insulinKind, purpose }: Dose): TreatmentForStatistics => ({
  takenAt: new Date(at),
  type: 'insulin',
  units,
  insulinKind,
  purpose,
  grams: null,
});
const carbs = (at: string, grams: number): TreatmentForStatistics => ({
  takenAt: new Date(at),
  type: 'carbs',
  units: null,
  insulinKind: null,
  purpose: null,
  grams,
});
const other = (at: string, type: TreatmentForStatistics['type']): TreatmentForStatistics => ({
  takenAt: new Date(at),
  type,
  units: null,
  insulinKind: null,
  purpose: null,
  grams: null,
});
const meal: Dose = { insulinKind: 'rapid', purpose: 'meal' };
const correction: Dose = { insulinKind: 'rapid', purpose: 'correction' };
const basal: Dose = { insulinKind: 'long', purpose: 'basal' };

describe('treatment statistics', () => {
  it('with no treatments withholds every figure and lists no days', () => {
    const stats = treatmentStatistics([other('2026-05-01T08:00:00Z', 'activity'), other('2026-05-01T09:00:00Z', 'hba1c')], 'UTC');
    expect(stats).toMatchObject({
      daysWithInsulin: 0,
      daysWithCarbs: 0,
      totalDailyInsulin: null,
      basalPercent: null,
      carbsPerDay: null,
      gramsPerUnit: null,
      totals: { rapidUnits: 0, longUnits: 0, totalUnits: 0, carbsGrams: 0 },
      days: [],
    });
    expect(stats.withheld).toEqual([
      { figure: 'totalDailyInsulin', reason: 'needs at least 3 days with insulin, has 0' },
      { figure: 'carbsPerDay', reason: 'needs at least 3 days with carbohydrates, has 0' },
      { figure: 'gramsPerUnit', reason: 'needs at least 3 days with meal insulin and carbohydrates (and every dose marked meal, correction or basal), has 0' },
    ]);
  });

  it('splits rapid and long, counts mixed in the total only, and averages over the days with insulin', () => {
    const stats = treatmentStatistics(
      [
        // 1 May: 30 U (20 long, 10 rapid), 100 g.
        insulin('2026-05-01T07:00:00Z', 20, basal),
        insulin('2026-05-01T07:05:00Z', 6, meal),
        insulin('2026-05-01T12:00:00Z', 4, meal),
        carbs('2026-05-01T07:05:00Z', 60),
        carbs('2026-05-01T12:00:00Z', 40),
        // 2 May: 30 U (20 long, 10 rapid), 80 g.
        insulin('2026-05-02T07:00:00Z', 20, basal),
        insulin('2026-05-02T12:00:00Z', 8, meal),
        insulin('2026-05-02T15:00:00Z', 2, correction),
        carbs('2026-05-02T12:00:00Z', 80),
        // 3 May: carbohydrates, no insulin logged.
        carbs('2026-05-03T12:00:00Z', 50),
        // 4 May: 37 U (22 long, 5 rapid, 10 mixed), no carbohydrates logged. 5 May: nothing.
        insulin('2026-05-04T07:00:00Z', 22, { insulinKind: 'long', purpose: null }),
        insulin('2026-05-04T08:00:00Z', 10, { insulinKind: 'mixed', purpose: null }),
        insulin('2026-05-04T12:00:00Z', 5, meal),
        other('2026-05-05T12:00:00Z', 'activity'),
      ],
      'UTC',
    );
    expect(stats.daysWithInsulin).toBe(3);
    expect(stats.daysWithCarbs).toBe(3);
    expect(stats.totals).toEqual({ rapidUnits: 25, longUnits: 62, totalUnits: 97, carbsGrams: 230 });
    expect(stats.totalDailyInsulin).toBeCloseTo(97 / 3, 10);
    expect(stats.rapidPerDay).toBeCloseTo(25 / 3, 10);
    expect(stats.longPerDay).toBeCloseTo(62 / 3, 10);
    // Mixed insulin is part basal, part bolus: a basal share without knowing its split would be a guess.
    expect(stats.basalPercent).toBeNull();
    expect(stats.carbsPerDay).toBeCloseTo(230 / 3, 10);
    expect(stats.days).toEqual([
      { date: '2026-05-04', rapidUnits: 5, longUnits: 22, totalUnits: 37, carbsGrams: null, partial: false },
      { date: '2026-05-03', rapidUnits: null, longUnits: null, totalUnits: null, carbsGrams: 50, partial: false },
      { date: '2026-05-02', rapidUnits: 10, longUnits: 20, totalUnits: 30, carbsGrams: 80, partial: false },
      { date: '2026-05-01', rapidUnits: 10, longUnits: 20, totalUnits: 30, carbsGrams: 100, partial: false },
    ]);
    // Only 1 and 2 May have both meal insulin and carbohydrates.
    expect(stats.gramsPerUnit).toBeNull();
    expect(stats.withheld).toEqual([
      {
        figure: 'gramsPerUnit',
        reason: 'needs at least 3 days with meal insulin and carbohydrates (and every dose marked meal, correction or basal), has 2',
      },
      { figure: 'basalPercent', reason: 'mixed or other insulin is part basal, part bolus: its basal share cannot be told' },
    ]);
  });

  it('gives the basal share when every dose is rapid or long: long-acting over all insulin', () => {
    const stats = treatmentStatistics(
      ['2026-05-01', '2026-05-02', '2026-05-03'].flatMap((day) => [insulin(`${day}T07:00:00Z`, 20, basal), insulin(`${day}T12:00:00Z`, 9, meal)]).concat(
        // A long-acting dose logged without a purpose is basal by its kind.
        insulin('2026-05-03T21:00:00Z', 4, { insulinKind: 'long', purpose: null }),
      ),
      'UTC',
    );
    expect(stats.basalPercent).toBeCloseTo((64 / 91) * 100, 10); // 70.3%
    expect(stats.withheld.map((item) => item.figure)).not.toContain('basalPercent');
  });

  it('leaves a day with a rapid dose of unknown purpose out of the carb ratio: it may have covered a meal', () => {
    const day = (date: string, unknown: boolean) => [
      insulin(`${date}T08:00:00Z`, 6, meal),
      carbs(`${date}T08:00:00Z`, 60),
      carbs(`${date}T13:00:00Z`, 50),
      insulin(`${date}T13:00:00Z`, 5, unknown ? { insulinKind: 'rapid', purpose: null } : meal),
    ];
    const known = treatmentStatistics([...day('2026-06-01', false), ...day('2026-06-02', false), ...day('2026-06-03', false)], 'UTC');
    expect(known.gramsPerUnit).toBe(10); // 330 g / 33 U
    // With the lunch dose unmarked on one day, counting that day's 110 g against 6 U would give 12.2 g/U.
    const oneUnknown = treatmentStatistics([...day('2026-06-01', false), ...day('2026-06-02', true), ...day('2026-06-03', false), ...day('2026-06-04', false)], 'UTC');
    expect(oneUnknown.daysWithMealInsulinAndCarbs).toBe(3);
    expect(oneUnknown.gramsPerUnit).toBe(10);
  });

  it("lists a period's partial first and last days but leaves them out of the means", () => {
    const treatments = ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'].flatMap((date) => [
      insulin(`${date}T06:00:00Z`, 20, basal),
      carbs(`${date}T07:00:00Z`, 50),
    ]);
    // A period from 1 May 05:00 to 5 May 09:00 (e.g. ending now): the 5th has only its morning logged so far.
    treatments.push(insulin('2026-05-02T12:00:00Z', 10, meal), insulin('2026-05-03T12:00:00Z', 10, meal), insulin('2026-05-04T12:00:00Z', 10, meal));
    const stats = treatmentStatistics(treatments, 'UTC', { from: new Date('2026-05-01T05:00:00Z'), to: new Date('2026-05-05T09:00:00Z') });
    expect(stats.days.map((day) => [day.date, day.partial])).toEqual([
      ['2026-05-05', true],
      ['2026-05-04', false],
      ['2026-05-03', false],
      ['2026-05-02', false],
      ['2026-05-01', true],
    ]);
    expect(stats.daysWithInsulin).toBe(3);
    expect(stats.totalDailyInsulin).toBe(30); // not (20 + 30 + 30 + 30 + 20) / 5 = 26
    // A period from local midnight to the last minute of a day has no partial day.
    const whole = treatmentStatistics(treatments, 'UTC', { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-05-05T23:59:59.999Z') });
    expect(whole.days.every((day) => !day.partial)).toBe(true);
    expect(whole.daysWithInsulin).toBe(5);
  });

  it('gives the grams per unit of meal insulin over the days that have both, and counts a pump basal as basal', () => {
    const stats = treatmentStatistics(
      [
        insulin('2026-06-01T08:00:00Z', 6, meal),
        insulin('2026-06-01T10:00:00Z', 2, correction),
        carbs('2026-06-01T08:00:00Z', 60),
        insulin('2026-06-02T08:00:00Z', 5, meal),
        insulin('2026-06-02T18:00:00Z', 3, meal),
        carbs('2026-06-02T08:00:00Z', 40),
        carbs('2026-06-02T18:00:00Z', 50),
        insulin('2026-06-03T08:00:00Z', 4, meal),
        carbs('2026-06-03T08:00:00Z', 30),
        // Left out of the ratio: meal insulin without carbohydrates, carbohydrates without insulin, a day without meal insulin.
        insulin('2026-06-04T08:00:00Z', 7, meal),
        carbs('2026-06-05T08:00:00Z', 100),
        insulin('2026-06-06T00:00:00Z', 10, { insulinKind: 'rapid', purpose: 'basal' }),
        carbs('2026-06-06T08:00:00Z', 20),
      ],
      'UTC',
    );
    expect(stats.daysWithMealInsulinAndCarbs).toBe(3);
    expect(stats.gramsPerUnit).toBe(10); // (60 + 90 + 30) g / (6 + 8 + 4) U
    expect(stats.totals).toMatchObject({ rapidUnits: 37, longUnits: 0, totalUnits: 37 });
    expect(stats.basalPercent).toBeCloseTo((10 / 37) * 100, 10); // 27.0%
    expect(stats.withheld).toEqual([]);
  });

  it('withholds the insulin figures below 3 days with insulin', () => {
    const stats = treatmentStatistics([insulin('2026-05-01T08:00:00Z', 10, basal), insulin('2026-05-02T08:00:00Z', 10, basal)], 'UTC');
    expect(stats).toMatchObject({ daysWithInsulin: 2, totalDailyInsulin: null, rapidPerDay: null, longPerDay: null, basalPercent: null });
    expect(stats.totals.totalUnits).toBe(20);
    expect(stats.withheld).toContainEqual({ figure: 'totalDailyInsulin', reason: 'needs at least 3 days with insulin, has 2' });
  });

  it.each([
    // Spring forward in Berlin: 29 March 2026 has 23 hours, from 23:00Z to 22:00Z.
    ['2026-03-29', '2026-03-28T22:30:00Z', '2026-03-28T23:30:00Z', '2026-03-29T21:30:00Z', '2026-03-29T22:30:00Z'],
    // Fall back: 25 October 2026 has 25 hours, from 22:00Z to 23:00Z.
    ['2026-10-25', '2026-10-24T21:30:00Z', '2026-10-24T22:30:00Z', '2026-10-25T22:30:00Z', '2026-10-25T23:30:00Z'],
  ])('keeps %s in Berlin, a day across a daylight-saving change, as one local day', (date, dayBefore, firstMinutes, lastMinutes, dayAfter) => {
    const stats = treatmentStatistics(
      [
        insulin(dayBefore, 5, meal), // 23:30 the day before
        insulin(firstMinutes, 4, meal), // 00:30
        insulin(lastMinutes, 18, basal), // 23:30
        insulin(dayAfter, 3, meal), // 00:30 the day after
      ],
      'Europe/Berlin',
    );
    expect(stats.days.map((day) => [day.date, day.totalUnits])).toEqual([
      [expect.any(String), 3],
      [date, 22],
      [expect.any(String), 5],
    ]);
    expect(stats.days.find((day) => day.date === date)).toMatchObject({ rapidUnits: 4, longUnits: 18 });
    expect(stats.totalDailyInsulin).toBe(10);
  });
});
