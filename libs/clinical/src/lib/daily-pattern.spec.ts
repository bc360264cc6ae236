import type { ReadingSource } from '@glucodiary/contracts';
import { dailyPattern, MINIMUM_READINGS_PER_WINDOW } from './daily-pattern';

const at = (iso: string, valueMgdl: number, source: ReadingSource = 'typed') => ({ takenAt: new Date(iso), valueMgdl, source });

describe('daily pattern (AGP percentiles by time of day)', () => {
  it('groups readings by local hour, smoothing over the neighbouring hours', () => {
    // Five days of readings at 07:xx Berlin time, across the daylight-saving change.
    const readings = [
      at('2026-03-27T06:05:00Z', 100),
      at('2026-03-28T06:20:00Z', 110),
      at('2026-03-29T05:10:00Z', 120),
      at('2026-03-30T05:40:00Z', 130),
      at('2026-03-31T05:50:00Z', 140),
    ];
    const { points: pattern } = dailyPattern(readings, 'Europe/Berlin');
    expect(pattern).toHaveLength(24);
    for (const hour of [6, 7, 8]) {
      expect(pattern[hour]).toMatchObject({ count: 5, median: 120, p25: 110, p75: 130, p5: 102, p95: 138 });
    }
    expect(pattern[9]).toMatchObject({ count: 0, median: null });
  });

  it('wraps the smoothing window around midnight', () => {
    const readings = Array.from({ length: MINIMUM_READINGS_PER_WINDOW }, (_, day) => at(`2026-05-0${day + 1}T23:30:00Z`, 90 + day));
    const { points: pattern } = dailyPattern(readings, 'UTC');
    expect(pattern[0]?.count).toBe(MINIMUM_READINGS_PER_WINDOW);
    expect(pattern[23]?.median).toBe(92);
    expect(pattern[22]?.count).toBe(MINIMUM_READINGS_PER_WINDOW);
  });

  it('leaves a window with too few readings empty rather than guessing', () => {
    const { points: pattern } = dailyPattern([at('2026-05-01T12:00:00Z', 100)], 'UTC');
    expect(pattern[12]).toMatchObject({ count: 1, p5: null, median: null, p95: null });
  });

  it('copes with hours of a year of CGM data each, more than a call can take as arguments', () => {
    // 200,000 readings in one local hour: spreading them into push() overflowed the stack.
    const start = Date.parse('2026-01-01T07:00:00Z');
    const readings = Array.from({ length: 200_000 }, (_, index) => ({ takenAt: new Date(start + (index % 3600) * 1000), valueMgdl: 100 + (index % 11), source: 'typed' as const }));
    const { points: pattern } = dailyPattern(readings, 'UTC');
    expect(pattern[7]).toMatchObject({ count: 200_000, median: 105, p5: 100, p95: 110 });
    expect(pattern[8]).toMatchObject({ count: 200_000 });
    expect(pattern[9]).toMatchObject({ count: 0 });
  });

  it('leaves out a scan beside the sensor history, so the moment counts once', () => {
    // Five days of 15-minute history at 12:00–12:45 UTC, and a high scan at 12:20 on the first day.
    const history = [0, 1, 2, 3, 4].flatMap((day) =>
      [0, 15, 30, 45].map((minute) => at(`2026-05-0${day + 1}T12:${String(minute).padStart(2, '0')}:00Z`, 100, 'sensor_history')),
    );
    const pattern = dailyPattern([...history, at('2026-05-01T12:20:00Z', 300, 'sensor_scan')], 'UTC');
    expect(pattern.count).toBe(20);
    expect(pattern.points[12]).toMatchObject({ count: 20, p95: 100 });
  });
});
