import { sensorActivePercent, sensorIntervalMinutes } from './sensor-active-time';

const START = Date.parse('2026-05-01T00:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const from = new Date(START);
const daysLater = (days: number) => new Date(START + days * DAY);
/** History readings every `interval` minutes over the given days, a little late now and then as real sensors are. */
const history = (interval: number, days: number, fromDay = 0) =>
  Array.from({ length: (days * DAY) / (interval * MINUTE) }, (_, index) => ({
    takenAt: new Date(START + fromDay * DAY + index * interval * MINUTE + (index % 3) * 1000),
    source: 'sensor_history' as const,
  }));

describe('sensor active time (% of time CGM is active)', () => {
  it('is about 50 % for a 14-day period with 7 days of 15-minute history', () => {
    expect(sensorActivePercent(history(15, 7), from, daysLater(14))).toBeCloseTo(50, 6);
  });

  it('reads 5-minute Dexcom-like data at its own interval: 12 of 14 days worn is 85.7 %', () => {
    const worn = [...history(5, 9), ...history(5, 3, 11)];
    expect(sensorIntervalMinutes(worn.map((r) => r.takenAt.getTime()))).toBe(5);
    expect(sensorActivePercent(worn, from, daysLater(14))).toBeCloseTo((12 / 14) * 100, 6);
  });

  it('counts slots, not readings: scans and doubled readings add nothing', () => {
    const day = history(15, 1);
    const doubled = [...day, ...day, { takenAt: new Date(START + 7 * MINUTE), source: 'sensor_scan' as const }];
    expect(sensorActivePercent(doubled, from, daysLater(2))).toBeCloseTo(50, 6);
  });

  it('is null without sensor history, even with scans', () => {
    expect(sensorActivePercent([], from, daysLater(14))).toBeNull();
    expect(sensorActivePercent([{ takenAt: new Date(START), source: 'sensor_scan' }], from, daysLater(14))).toBeNull();
  });

  it('snaps the median gap to 1, 5 or 15 minutes, whatever dropouts lie between', () => {
    const times = (gaps: number[]) => gaps.reduce<number[]>((all, gap) => [...all, (all.at(-1) ?? 0) + gap * MINUTE], [0]);
    expect(sensorIntervalMinutes(times([1, 1, 1, 30]))).toBe(1);
    expect(sensorIntervalMinutes(times([5, 5, 4.9, 240, 5.1]))).toBe(5);
    expect(sensorIntervalMinutes(times([15, 14, 16, 600]))).toBe(15);
    expect(sensorIntervalMinutes(times([10]))).toBe(15);
    expect(sensorIntervalMinutes([0])).toBe(15);
    expect(sensorIntervalMinutes([])).toBeNull();
  });

  it('ignores history outside the period and puts a reading at its very end in the last slot', () => {
    const readings = [
      { takenAt: new Date(START - 15 * MINUTE), source: 'sensor_history' as const },
      { takenAt: new Date(START), source: 'sensor_history' as const },
      { takenAt: daysLater(1), source: 'sensor_history' as const },
      { takenAt: new Date(daysLater(1).getTime() + 15 * MINUTE), source: 'sensor_history' as const },
    ];
    expect(sensorActivePercent(readings, from, daysLater(1))).toBeCloseTo((2 / 96) * 100, 6);
  });
});
