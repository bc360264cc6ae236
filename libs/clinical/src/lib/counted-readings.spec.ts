import type { ReadingSource } from '@glucodiary/contracts';
import { countedReadings, SCAN_BESIDE_HISTORY_MS } from './counted-readings';

const START = Date.parse('2026-05-01T00:00:00Z');
const MINUTE = 60_000;
const at = (minute: number, source: ReadingSource) => ({ takenAt: new Date(START + minute * MINUTE), source });
/** Libre history every 15 minutes over the given minutes of the day. */
const history = (fromMinute: number, toMinute: number) =>
  Array.from({ length: Math.floor((toMinute - fromMinute) / 15) + 1 }, (_, index) => at(fromMinute + index * 15, 'sensor_history'));

describe('counted readings (each moment once)', () => {
  it('leaves out a scan 10 minutes from a history reading, but keeps one in a 2-hour gap of the history', () => {
    const nearHistory = at(70, 'sensor_scan');
    const inGap = at(4 * 60, 'sensor_scan');
    const readings = [...history(0, 120), nearHistory, inGap, ...history(6 * 60, 8 * 60)];
    const { counted, scansNotCounted } = countedReadings(readings);
    expect(scansNotCounted).toBe(1);
    expect(counted).not.toContain(nearHistory);
    expect(counted).toContain(inGap);
    expect(counted).toHaveLength(readings.length - 1);
  });

  it('treats 15 minutes either side as the same moment, and a minute more as another', () => {
    const edge = SCAN_BESIDE_HISTORY_MS / MINUTE;
    const readings = [at(0, 'sensor_scan'), at(edge, 'sensor_history'), at(2 * edge, 'sensor_scan'), at(3 * edge + 1, 'sensor_scan')];
    expect(countedReadings(readings).counted).toEqual([readings[1], readings[3]]);
  });

  it('counts every finger-stick and every scan when there is no sensor history', () => {
    const readings = [at(0, 'typed'), at(1, 'meter'), at(2, 'sensor_scan'), at(3, 'sensor_scan')];
    expect(countedReadings(readings)).toEqual({ counted: readings, scansNotCounted: 0 });
  });

  it('does not depend on the order of the readings', () => {
    const readings = [at(100, 'sensor_scan'), ...history(0, 60).reverse(), at(65, 'sensor_scan'), at(30, 'meter')];
    const { counted, scansNotCounted } = countedReadings(readings);
    expect(scansNotCounted).toBe(1);
    expect(counted.map((r) => r.takenAt.getTime())).toEqual(readings.filter((r) => r !== readings[6]).map((r) => r.takenAt.getTime()));
  });

  it('handles two years of 15-minute history with a scan every hour quickly', () => {
    const minutes = 731 * 24 * 60;
    const readings = [...history(0, minutes), ...Array.from({ length: minutes / 60 }, (_, hour) => at(hour * 60 + 7, 'sensor_scan'))];
    const started = performance.now();
    const { scansNotCounted } = countedReadings(readings);
    expect(scansNotCounted).toBe(731 * 24);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
