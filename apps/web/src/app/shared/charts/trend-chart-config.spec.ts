import type { TrendPoint, TrendReport } from '@glucodiary/contracts';
import type { TooltipItem } from 'chart.js';
import { stretchName, trendChartConfig, trendSummary } from './trend-chart-config';

const from = new Date('2026-03-01T00:00:00Z');
const to = new Date('2026-03-31T00:00:00Z');
const report = (bucketMinutes: number | null, points: TrendPoint[], count = points.length): TrendReport => ({
  from: from.toISOString(),
  to: to.toISOString(),
  timeZone: 'Europe/Berlin',
  unit: 'mg/dL',
  targetRange: { low: 70, high: 180 },
  count,
  bucketMinutes,
  points,
});
const point = (at: string, value: number, lowest = value, highest = value, count = 1): TrendPoint => ({ at, value, lowest, highest, count });
const datasetsOf = (trend: TrendReport) => trendChartConfig(trend, 'Europe/Berlin', from, to).data.datasets;
const tooltipLabel = (trend: TrendReport, datasetLabel: string, index: number) => {
  const config = trendChartConfig(trend, 'Europe/Berlin', from, to);
  const dataset = config.data.datasets.find((candidate) => candidate.label === datasetLabel)!;
  const raw = dataset.data[index] as { x: number; y: number };
  const item = { raw, parsed: { x: raw.x, y: raw.y } } as unknown as TooltipItem<'scatter'>;
  const tooltip = config.options!.plugins!.tooltip!;
  return { shown: (tooltip.filter as (item: TooltipItem<'scatter'>) => boolean)(item), label: (tooltip.callbacks!.label as (item: TooltipItem<'scatter'>) => string)(item) };
};

describe('trend chart', () => {
  it('names a stretch as a reader would', () => {
    expect([5, 30, 60, 180, 720, 1440].map(stretchName)).toEqual(['5 minutes', '30 minutes', 'hour', '3 hours', '12 hours', 'day']);
  });

  it('draws each reading as a point and says so', () => {
    const trend = report(null, [point('2026-03-02T07:00:00Z', 90), point('2026-03-02T08:00:00Z', 180)]);
    expect(trendSummary(trend)).toBe('Trend chart of 2 readings with the target range 70 to 180 mg/dL shaded.');
    expect(datasetsOf(trend).map((dataset) => dataset.label)).toEqual(['Target low', 'Target range', 'Readings']);
    expect(tooltipLabel(trend, 'Readings', 1)).toEqual({ shown: true, label: '2 Mar 09:00: 180' });
  });

  it('draws stretches as medians over a band from lowest to highest, broken where a stretch has no readings', () => {
    const trend = report(
      60,
      [point('2026-03-02T00:30:00Z', 120, 90, 160, 12), point('2026-03-02T01:30:00Z', 130, 100, 170, 12), point('2026-03-02T05:30:00Z', 110, 80, 150, 6)],
      30,
    );
    expect(trendSummary(trend)).toBe('Trend chart of 30 readings as the median, lowest and highest of each hour, with the target range 70 to 180 mg/dL shaded.');
    const datasets = datasetsOf(trend);
    expect(datasets.map((dataset) => dataset.label)).toEqual(['Target low', 'Target range', 'Lowest', 'Lowest to highest', 'Median']);
    const hour = 3_600_000;
    const first = Date.parse('2026-03-02T00:30:00Z');
    expect(datasets[3]!.data).toEqual([
      { x: first, y: 160 },
      { x: first + hour, y: 170 },
      { x: first + 2 * hour, y: null },
      { x: first + 5 * hour, y: 150 },
    ]);
    expect(datasets[2]!.data.map((item) => (item as { y: number | null }).y)).toEqual([90, 100, null, 80]);
    expect(tooltipLabel(trend, 'Median', 0)).toEqual({ shown: true, label: '2 Mar 01:30: median 120 (90–160, 12 readings)' });
    expect(tooltipLabel(trend, 'Lowest to highest', 0).shown).toBe(false);
  });
});
