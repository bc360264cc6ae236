import { localTimeOf } from '@glucodiary/clinical';
import { demoReadings } from './demo-readings';

describe('demo readings', () => {
  const now = new Date('2026-11-26T20:00:00Z');
  const readings = demoReadings(90, 'Europe/Berlin', now);

  it('are the same on every run', () => {
    expect(demoReadings(90, 'Europe/Berlin', now)).toEqual(readings);
  });

  it('cover 90 local days, several readings a day, none in the future', () => {
    const days = new Set(readings.map((r) => localTimeOf(r.takenAt, 'Europe/Berlin').date));
    expect(days.size).toBe(90);
    expect(readings.length / 90).toBeGreaterThan(4);
    expect(readings.every((r) => r.takenAt <= now)).toBe(true);
  });

  it('peak after meals and include a few lows, within what a meter reports', () => {
    const average = (context: string) => {
      const values = readings.filter((r) => r.context === context).map((r) => r.valueMgdl);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    expect(average('after_meal')).toBeGreaterThan(average('before_meal') + 30);
    const lows = readings.filter((r) => r.valueMgdl < 70).length;
    expect(lows).toBeGreaterThan(3);
    expect(lows / readings.length).toBeLessThan(0.1);
    expect(readings.every((r) => r.valueMgdl >= 40 && r.valueMgdl <= 400)).toBe(true);
  });
});
