import type { BeyondRange, MealContext } from '@glucodiary/contracts';
import { logbook } from './logbook';

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
});
