import type { BeyondRange, InsulinKind, MealContext } from '@glucodiary/contracts';
import { logbook, type LogbookTreatment } from './logbook';

const fingerstick = (iso: string, context: MealContext, id: string, valueMgdl = 120) => ({
  id,
  takenAt: new Date(iso),
  context,
  kind: 'fingerstick' as const,
  valueMgdl,
  beyondRange: null,
});

const sensor = (iso: string, valueMgdl: number, beyondRange: BeyondRange | null = null) => ({
  id: `${iso} ${valueMgdl}`,
  takenAt: new Date(iso),
  context: 'other' as const,
  kind: 'sensor' as const,
  valueMgdl,
  beyondRange,
});

/** Every five minutes from `startIso`, one value each. */
const sensorRun = (startIso: string, values: ReadonlyArray<number | 'LO' | 'HI'>) =>
  values.map((value, index) => {
    const iso = new Date(Date.parse(startIso) + index * 5 * 60_000).toISOString();
    if (value === 'LO') return sensor(iso, 39, 'below');
    if (value === 'HI') return sensor(iso, 401, 'above');
    return sensor(iso, value);
  });

const insulin = (iso: string, units: number, insulinKind: InsulinKind): LogbookTreatment => ({ type: 'insulin', takenAt: new Date(iso), units, insulinKind });
const carbs = (iso: string, grams: number): LogbookTreatment => ({ type: 'carbs', takenAt: new Date(iso), grams });
const dose = (units: number, doses: number) => ({ units, doses });
const noDose = dose(0, 0);

const placed = (days: ReturnType<typeof logbook<ReturnType<typeof fingerstick>>>) =>
  days.flatMap((day) => day.entries.map((e) => `${day.date} ${e.slot} ${e.timing} ${e.reading.id}`));

describe('logbook', () => {
  it('places finger-sticks in the paper diary columns by local time and meal context', () => {
    const days = logbook(
      [
        fingerstick('2026-07-01T05:30:00Z', 'fasting', 'breakfast-before'), // 07:30 Berlin (CEST)
        fingerstick('2026-07-01T11:00:00Z', 'after_meal', 'lunch-after'), // 13:00
        fingerstick('2026-07-01T16:00:00Z', 'before_meal', 'dinner-before'), // 18:00
        fingerstick('2026-07-01T17:30:00Z', 'bedtime', 'bedtime-early'), // 19:30 but logged as bedtime
        fingerstick('2026-07-01T23:30:00Z', 'other', 'night'), // 01:30 on 2 July
      ],
      'Europe/Berlin',
    );
    expect(days.map((day) => day.date)).toEqual(['2026-07-02', '2026-07-01']);
    expect(placed(days)).toEqual([
      '2026-07-02 night null night',
      '2026-07-01 breakfast before breakfast-before',
      '2026-07-01 lunch after lunch-after',
      '2026-07-01 dinner before dinner-before',
      '2026-07-01 bedtime null bedtime-early',
    ]);
    expect(days.every((day) => day.sensorSummaries.length === 0)).toBe(true);
  });

  it('puts an "other" reading at a meal time in the meal, neither before nor after it', () => {
    const days = logbook([fingerstick('2026-07-01T10:30:00Z', 'other', 'lunch-other')], 'Europe/Berlin'); // 12:30
    expect(placed(days)).toEqual(['2026-07-01 lunch null lunch-other']);
  });

  it('sums a sensor’s readings up per day and slot: median, lowest, highest and count', () => {
    const days = logbook(
      [
        ...sensorRun('2026-07-01T10:00:00Z', [100, 160, 120, 140]), // 12:00–12:15 Berlin: lunch
        ...sensorRun('2026-07-01T14:00:00Z', [90, 95, 200]), // 16:00–16:10: dinner
        ...sensorRun('2026-07-01T22:00:00Z', [80]), // 00:00 on 2 July: night
        fingerstick('2026-07-01T10:05:00Z', 'before_meal', 'lunch-before', 110),
      ],
      'Europe/Berlin',
    );
    const [second, first] = days;
    expect(first?.sensorSummaries).toEqual([
      {
        slot: 'lunch',
        count: 4,
        median: { valueMgdl: 130, beyondRange: null },
        lowest: { valueMgdl: 100, beyondRange: null },
        highest: { valueMgdl: 160, beyondRange: null },
      },
      {
        slot: 'dinner',
        count: 3,
        median: { valueMgdl: 95, beyondRange: null },
        lowest: { valueMgdl: 90, beyondRange: null },
        highest: { valueMgdl: 200, beyondRange: null },
      },
    ]);
    expect(first?.entries.map((entry) => entry.reading.id)).toEqual(['lunch-before']);
    expect(second?.sensorSummaries).toEqual([expect.objectContaining({ slot: 'night', count: 1, median: { valueMgdl: 80, beyondRange: null } })]);
  });

  it('says when the lowest is a sensor LO and the highest a HI', () => {
    const [day] = logbook(sensorRun('2026-07-01T00:00:00Z', [120, 'LO', 60, 'HI', 'HI']), 'UTC');
    expect(day?.sensorSummaries[0]).toMatchObject({
      count: 5,
      lowest: { valueMgdl: 39, beyondRange: 'below' },
      median: { valueMgdl: 120, beyondRange: null },
      highest: { valueMgdl: 401, beyondRange: 'above' },
    });
  });

  it('makes the median a LO only when the readings in the middle are all LOs', () => {
    const median = (values: ReadonlyArray<number | 'LO' | 'HI'>) =>
      logbook(sensorRun('2026-07-01T00:00:00Z', values), 'UTC')[0]?.sensorSummaries[0]?.median;
    expect(median(['LO', 'LO', 'LO', 100])).toEqual({ valueMgdl: 39, beyondRange: 'below' });
    expect(median(['LO', 'LO', 100, 120])).toEqual({ valueMgdl: 69.5, beyondRange: null });
    expect(median([300, 'HI', 'HI'])).toEqual({ valueMgdl: 401, beyondRange: 'above' });
  });

  it('sorts a LO before a real reading of the same value', () => {
    const [day] = logbook([sensor('2026-07-01T00:00:00Z', 39), sensor('2026-07-01T00:05:00Z', 39, 'below')], 'UTC');
    expect(day?.sensorSummaries[0]?.lowest).toEqual({ valueMgdl: 39, beyondRange: 'below' });
    expect(day?.sensorSummaries[0]?.highest).toEqual({ valueMgdl: 39, beyondRange: null });
  });

  describe('insulin and carbs', () => {
    it('sums them per slot by local time, rapid and long apart, mixed and other together, and counts the entries', () => {
      const days = logbook(
        [fingerstick('2026-07-01T05:30:00Z', 'fasting', 'breakfast-before')], // 07:30 Berlin (CEST)
        'Europe/Berlin',
        [
          carbs('2026-07-01T05:40:00Z', 45), // 07:40: breakfast
          insulin('2026-07-01T05:45:00Z', 4, 'rapid'), // 07:45
          insulin('2026-07-01T05:50:00Z', 12, 'long'), // 07:50
          insulin('2026-07-01T06:30:00Z', 2.5, 'rapid'), // 08:30: a correction
          carbs('2026-07-01T07:00:00Z', 15), // 09:00: a snack
          insulin('2026-07-01T16:00:00Z', 10, 'mixed'), // 18:00: dinner
          insulin('2026-07-01T17:00:00Z', 3, 'other'), // 19:00
        ],
      );
      expect(days).toHaveLength(1);
      expect(days[0]?.treatments).toEqual([
        { slot: 'breakfast', insulin: { rapid: dose(6.5, 2), long: dose(12, 1), other: noDose }, carbs: { grams: 60, entries: 2 } },
        { slot: 'dinner', insulin: { rapid: noDose, long: noDose, other: dose(13, 2) }, carbs: { grams: 0, entries: 0 } },
      ]);
      expect(placed(days)).toEqual(['2026-07-01 breakfast before breakfast-before']);
    });

    it('puts a dose at 23:30 in bedtime of that day and one at 00:30 in night of the next, each day with its own row', () => {
      const days = logbook([], 'Europe/Berlin', [
        insulin('2026-07-01T21:30:00Z', 14, 'long'), // 23:30 on 1 July
        insulin('2026-07-01T22:30:00Z', 1, 'rapid'), // 00:30 on 2 July
        carbs('2026-07-01T22:35:00Z', 15), // 00:35 on 2 July
      ]);
      expect(days.map((day) => [day.date, day.treatments.map((sums) => sums.slot)])).toEqual([
        ['2026-07-02', ['night']],
        ['2026-07-01', ['bedtime']],
      ]);
      const [second, first] = days;
      expect(first?.treatments[0]?.insulin.long).toEqual(dose(14, 1));
      expect(second?.treatments[0]).toEqual({
        slot: 'night',
        insulin: { rapid: dose(1, 1), long: noDose, other: noDose },
        carbs: { grams: 15, entries: 1 },
      });
      expect(days.every((day) => day.entries.length === 0 && day.sensorSummaries.length === 0)).toBe(true);
    });

    it('sums to the hundredth, without floating-point drift', () => {
      const [day] = logbook([], 'UTC', [
        insulin('2026-07-01T12:00:00Z', 0.1, 'rapid'),
        insulin('2026-07-01T12:05:00Z', 0.2, 'rapid'), // 0.1 + 0.2 is 0.30000000000000004 in floating point
        insulin('2026-07-01T12:10:00Z', 0.35, 'long'),
        insulin('2026-07-01T12:15:00Z', 0.35, 'long'),
        insulin('2026-07-01T12:20:00Z', 0.35, 'long'), // three 0.35 are 1.0499999999999998
        carbs('2026-07-01T12:00:00Z', 12.1),
        carbs('2026-07-01T12:30:00Z', 15.2), // 27.299999999999997
      ]);
      expect(day?.treatments[0]).toMatchObject({
        slot: 'lunch',
        insulin: { rapid: dose(0.3, 2), long: dose(1.05, 3) },
        carbs: { grams: 27.3, entries: 2 },
      });
    });

    it('does not move a dose to bedtime the way a reading logged as bedtime moves', () => {
      const days = logbook([fingerstick('2026-07-01T17:30:00Z', 'bedtime', 'bedtime-early')], 'Europe/Berlin', [
        insulin('2026-07-01T17:35:00Z', 8, 'long'), // 19:35: dinner by the clock
      ]);
      expect(placed(days)).toEqual(['2026-07-01 bedtime null bedtime-early']);
      expect(days[0]?.treatments.map((sums) => sums.slot)).toEqual(['dinner']);
    });
  });
});
