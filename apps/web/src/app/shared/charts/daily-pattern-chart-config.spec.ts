import type { DailyPatternPoint, DailyPatternReport } from '@glucodiary/contracts';
import type { Scale } from 'chart.js';
import { dailyPatternChartConfig, dailyPatternSummary } from './daily-pattern-chart-config';

const hour = (h: number, median: number | null): DailyPatternPoint =>
  median === null
    ? { hour: h, count: 0, p5: null, p25: null, median: null, p75: null, p95: null }
    : { hour: h, count: 10, p5: median - 40, p25: median - 20, median, p75: median + 20, p95: median + 40 };
const report: DailyPatternReport = {
  from: '2026-03-01T00:00:00Z',
  to: '2026-03-15T00:00:00Z',
  timeZone: 'Europe/Berlin',
  unit: 'mg/dL',
  targetRange: { low: 70, high: 180 },
  count: 230,
  points: Array.from({ length: 24 }, (_, h) => hour(h, h === 12 ? null : h === 23 ? 130 : 100 + h)),
};
const datasets = () => dailyPatternChartConfig(report).data.datasets as { label: string; data: { x: number; y: number | null }[]; fill?: string; backgroundColor?: string }[];
const dataset = (label: string) => datasets().find((candidate) => candidate.label === label)!;

describe('daily pattern (AGP) chart', () => {
  it('shades the target range over the whole day', () => {
    expect(dataset('Target low').data).toEqual([
      { x: 0, y: 70 },
      { x: 24, y: 70 },
    ]);
    expect(dataset('Target range').data).toEqual([
      { x: 0, y: 180 },
      { x: 24, y: 180 },
    ]);
    expect(dataset('Target range').fill).toBe('-1');
    expect(dataset('Target range').backgroundColor).toBeTruthy();
  });

  it('fills the 5–95% and 25–75% bands down to their lower lines and draws the median from 00:00 to 24:00, broken at an hour without readings', () => {
    const labels = datasets().map((candidate) => candidate.label);
    expect(labels).toEqual(['Target low', 'Target range', '5th percentile', '5–95%', '25th percentile', '25–75%', 'Median']);
    for (const [band, lower] of [
      ['5–95%', '5th percentile'],
      ['25–75%', '25th percentile'],
    ] as const) {
      expect(dataset(band).fill).toBe('-1');
      expect(labels.indexOf(band) - 1).toBe(labels.indexOf(lower));
    }
    const median = dataset('Median').data;
    // Midnight lies halfway between 23:30 (130) and 00:30 (100).
    expect(median[0]).toEqual({ x: 0, y: 115 });
    expect(median.at(-1)).toEqual({ x: 24, y: 115 });
    expect(median[1]).toEqual({ x: 0.5, y: 100 });
    expect(median[13]).toEqual({ x: 12.5, y: null });
    expect(dataset('5–95%').data[1]).toEqual({ x: 0.5, y: 140 });
    expect(dataset('25th percentile').data[1]).toEqual({ x: 0.5, y: 80 });
  });

  it('ticks every three hours across the day', () => {
    const x = dailyPatternChartConfig(report).options!.scales!['x'] as { min: number; max: number; afterBuildTicks: (axis: Scale) => void; ticks: { callback: (value: number) => string } };
    expect([x.min, x.max]).toEqual([0, 24]);
    const axis = { ticks: [] } as unknown as Scale;
    x.afterBuildTicks(axis);
    expect(axis.ticks.map((tick) => x.ticks.callback(tick.value))).toEqual(['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00', '24:00']);
  });

  it('says in words what it shows', () => {
    expect(dailyPatternSummary(report)).toBe(
      'Daily pattern over 24 hours: the median with the 25–75% and 5–95% bands of each hour, the target range 70 to 180 mg/dL shaded. ' +
        'The median is highest around 23:00 (130 mg/dL) and lowest around 0:00 (100).',
    );
  });
});
