import { TREND_BUCKETS_MAX, TREND_READINGS_SHOWN_MAX, trendSeries } from './trend';

const MINUTE = 60_000;
const from = new Date('2026-01-01T00:00:00Z');
const every5Minutes = (days: number, value: (index: number) => number) =>
  Array.from({ length: days * 288 }, (_, index) => ({ takenAt: new Date(from.getTime() + index * 5 * MINUTE), valueMgdl: value(index), kind: 'sensor' as const }));

describe('trend series for a chart', () => {
  it('shows every reading with its kind, oldest first, while there are few enough', () => {
    const readings = [
      { takenAt: new Date('2026-01-02T08:00:00Z'), valueMgdl: 140, kind: 'sensor' as const },
      { takenAt: new Date('2026-01-01T08:00:00Z'), valueMgdl: 100, kind: 'fingerstick' as const },
    ];
    expect(trendSeries(readings, from, new Date('2026-01-03T00:00:00Z'))).toEqual({
      bucketMinutes: null,
      points: [
        { at: Date.parse('2026-01-01T08:00:00Z'), medianMgdl: 100, lowestMgdl: 100, highestMgdl: 100, count: 1, kind: 'fingerstick' },
        { at: Date.parse('2026-01-02T08:00:00Z'), medianMgdl: 140, lowestMgdl: 140, highestMgdl: 140, count: 1, kind: 'sensor' },
      ],
    });
    expect(trendSeries(every5Minutes(6, () => 120), from, new Date('2026-01-07T00:00:00Z')).points).toHaveLength(6 * 288);
  });

  it('sums ninety days of CGM data up in three-hour stretches covering the whole period', () => {
    const to = new Date(from.getTime() + 90 * 24 * 60 * MINUTE);
    // Within each stretch of 36 readings, values 100..135: median 117.5, lowest 100, highest 135.
    const series = trendSeries(every5Minutes(90, (index) => 100 + (index % 36)), from, to);
    expect(series.bucketMinutes).toBe(180);
    expect(series.points).toHaveLength(720);
    expect(series.points.length).toBeLessThanOrEqual(TREND_BUCKETS_MAX);
    expect(series.points[0]).toEqual({ at: from.getTime() + 90 * MINUTE, medianMgdl: 117.5, lowestMgdl: 100, highestMgdl: 135, count: 36, kind: null });
    expect(series.points.at(-1)!.at).toBe(to.getTime() - 90 * MINUTE);
    expect(series.points.reduce((sum, point) => sum + point.count, 0)).toBe(90 * 288);
  });

  it('picks the shortest stretch that keeps the points within bounds, counts stretches from the start, and leaves empty ones out', () => {
    // Counted from the period's start (here local midnight in Berlin), not from midnight UTC.
    const localMidnight = new Date('2025-12-31T23:00:00Z');
    const to = new Date(localMidnight.getTime() + 731 * 24 * 60 * MINUTE);
    const readings = every5Minutes(8, () => 150); // a week of sensor data from 2026-01-01T00:00Z, then nothing for two years
    expect(readings.length).toBeGreaterThan(TREND_READINGS_SHOWN_MAX);
    const series = trendSeries(readings, localMidnight, to);
    expect(series.bucketMinutes).toBe(1440);
    // The first local day holds the first 23 hours of readings; the last day the remaining hour.
    expect(series.points.map((point) => point.count)).toEqual([23 * 12, ...Array(7).fill(288), 12]);
    expect(series.points[0]!.at).toBe(Date.parse('2026-01-01T11:00:00Z'));
  });

  it('never gives more than the bound, and places the last point inside the period', () => {
    // 9,990 minutes: 999 stretches of 10 minutes, and a reading at exactly `to` opens a 1,000th.
    const to = new Date(from.getTime() + 9990 * MINUTE);
    const readings = Array.from({ length: 3001 }, (_, index) => ({ takenAt: new Date(from.getTime() + index * 3.33 * MINUTE), valueMgdl: 100, kind: 'sensor' as const }));
    const series = trendSeries(readings, from, to);
    expect(series.bucketMinutes).toBe(10);
    expect(series.points).toHaveLength(TREND_BUCKETS_MAX);
    expect(series.points.at(-1)).toMatchObject({ at: to.getTime(), count: 1 });
    expect(series.points.at(-2)!.at).toBe(to.getTime() - 5 * MINUTE);
  });
});
