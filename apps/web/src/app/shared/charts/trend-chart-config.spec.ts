import type { TrendPoint, TrendReport } from '@glucodiary/contracts';
import type { Scale, TooltipItem } from 'chart.js';
import { formatInZone } from '../../core/time/zoned-time';
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
const point = (at: string, value: number, kind: TrendPoint['kind'] = 'fingerstick', lowest = value, highest = value, count = 1): TrendPoint => ({
  at,
  value,
  lowest,
  highest,
  count,
  kind,
});
const configOf = (trend: TrendReport, locale = 'en-GB', start = from, end = to) => trendChartConfig(trend, 'Europe/Berlin', start, end, locale);
const datasetsOf = (trend: TrendReport) => configOf(trend).data.datasets;
const dataset = (trend: TrendReport, label: string) => datasetsOf(trend).find((candidate) => candidate.label === label)!;
const tooltipLabel = (trend: TrendReport, datasetLabel: string, index: number) => {
  const config = configOf(trend);
  const raw = dataset(trend, datasetLabel).data[index] as { x: number; y: number };
  const item = { raw, parsed: { x: raw.x, y: raw.y } } as unknown as TooltipItem<'scatter'>;
  const tooltip = config.options!.plugins!.tooltip!;
  return { shown: (tooltip.filter as (item: TooltipItem<'scatter'>) => boolean)(item), label: (tooltip.callbacks!.label as (item: TooltipItem<'scatter'>) => string)(item) };
};
/** The x axis as chart.js would lay it out: the ticks the config builds, and their labels. */
const dateAxis = (config: ReturnType<typeof configOf>) => {
  const x = config.options!.scales!['x'] as { afterBuildTicks: (axis: Scale) => void; ticks: { callback: (value: number) => string } };
  const axis = { ticks: [] } as unknown as Scale;
  x.afterBuildTicks(axis);
  const values = axis.ticks.map((tick) => tick.value);
  return { values, labels: values.map((value) => x.ticks.callback(value)) };
};

describe('trend chart', () => {
  it('names a stretch as a reader would', () => {
    expect([5, 30, 60, 180, 720, 1440].map(stretchName)).toEqual(['5 minutes', '30 minutes', 'hour', '3 hours', '12 hours', 'day']);
  });

  it('draws sensor readings as a line broken across a 40-minute silence, and finger-sticks as points', () => {
    const trend = report(null, [
      point('2026-03-02T07:00:00Z', 100, 'sensor'),
      point('2026-03-02T07:05:00Z', 110, 'sensor'),
      point('2026-03-02T07:10:00Z', 120, 'sensor'),
      point('2026-03-02T07:12:00Z', 150, 'fingerstick'),
      // 40 minutes without a reading: the line stops and starts again.
      point('2026-03-02T07:50:00Z', 140, 'sensor'),
      point('2026-03-02T07:55:00Z', 135, 'sensor'),
    ]);
    expect(datasetsOf(trend).map((candidate) => candidate.label)).toEqual(['Target low', 'Target range', 'Sensor', 'Finger-stick']);
    const sensor = dataset(trend, 'Sensor') as { type: string; spanGaps: boolean; data: { y: number | null }[] };
    expect(sensor.type).toBe('line');
    expect(sensor.spanGaps).toBe(false);
    expect(sensor.data.map((item) => item.y)).toEqual([100, 110, 120, null, 140, 135]);
    const fingerSticks = dataset(trend, 'Finger-stick') as { type?: string; pointRadius: number; data: { y: number }[] };
    expect(fingerSticks.type).toBeUndefined(); // the chart's own type: scatter, points without a line
    expect(fingerSticks.pointRadius).toBeGreaterThan(0);
    expect(fingerSticks.data.map((item) => item.y)).toEqual([150]);
    expect(trendSummary(trend)).toBe(
      'Trend chart of 5 sensor readings as a line (broken where the sensor was silent) and 1 finger-stick as points, with the target range 70 to 180 mg/dL shaded.',
    );
    expect(tooltipLabel(trend, 'Sensor', 4)).toEqual({ shown: true, label: '2 Mar, 08:50: 140' });
    expect(tooltipLabel(trend, 'Sensor', 3).shown).toBe(false);
  });

  it('keeps a 15-minute sensor history as one line and shows a reading alone between gaps as a dot', () => {
    const trend = report(null, [
      point('2026-03-02T07:00:00Z', 100, 'sensor'),
      point('2026-03-02T07:15:00Z', 110, 'sensor'),
      point('2026-03-02T09:00:00Z', 120, 'sensor'),
      point('2026-03-02T11:00:00Z', 130, 'sensor'),
      point('2026-03-02T11:15:00Z', 140, 'sensor'),
    ]);
    const sensor = dataset(trend, 'Sensor') as unknown as { data: { y: number | null }[]; pointRadius: number[] };
    expect(sensor.data.map((item) => item.y)).toEqual([100, 110, null, 120, null, 130, 140]);
    expect(sensor.pointRadius.map((radius) => radius > 0)).toEqual([false, false, false, true, false, false, false]);
    expect(trendSummary(trend)).toBe('Trend chart of 5 sensor readings as a line (broken where the sensor was silent), with the target range 70 to 180 mg/dL shaded.');
  });

  it('draws stretches as a median line over a band from lowest to highest, broken where a stretch has no readings', () => {
    const trend = report(
      60,
      [
        point('2026-03-02T00:30:00Z', 120, null, 90, 160, 12),
        point('2026-03-02T01:30:00Z', 130, null, 100, 170, 12),
        point('2026-03-02T05:30:00Z', 110, null, 80, 150, 6),
      ],
      30,
    );
    expect(trendSummary(trend)).toBe('Trend chart of 30 readings as the median, lowest and highest of each hour, with the target range 70 to 180 mg/dL shaded.');
    expect(datasetsOf(trend).map((candidate) => candidate.label)).toEqual(['Target low', 'Target range', 'Lowest', 'Lowest to highest', 'Median']);
    const ys = (label: string) => (dataset(trend, label).data as { y: number | null }[]).map((item) => item.y);
    expect(ys('Lowest')).toEqual([90, 100, null, 80]);
    expect(ys('Lowest to highest')).toEqual([160, 170, null, 150]);
    expect(ys('Median')).toEqual([120, 130, null, 110]);
    expect((dataset(trend, 'Median') as { type: string }).type).toBe('line');
    expect(tooltipLabel(trend, 'Median', 0)).toEqual({ shown: true, label: '2 Mar, 01:30: median 120 (90–160, 12 readings)' });
    expect(tooltipLabel(trend, 'Lowest to highest', 0).shown).toBe(false);
  });

  it('puts date ticks on local midnights an even number of days apart, across the change to summer time', () => {
    // Two weeks in Berlin, midnight to midnight (22 March to 5 April); clocks go forward on 29 March.
    const start = new Date('2026-03-21T23:00:00Z');
    const end = new Date('2026-04-04T22:00:00Z');
    const { values, labels } = dateAxis(configOf(report(null, []), 'en-GB', start, end));
    expect(values.map((value) => formatInZone(new Date(value), 'Europe/Berlin', 'yyyy-MM-dd HH:mm'))).toEqual([
      '2026-03-22 00:00',
      '2026-03-24 00:00',
      '2026-03-26 00:00',
      '2026-03-28 00:00',
      '2026-03-30 00:00',
      '2026-04-01 00:00',
      '2026-04-03 00:00',
      '2026-04-05 00:00',
    ]);
    expect(labels).toEqual(['22 Mar', '24 Mar', '26 Mar', '28 Mar', '30 Mar', '1 Apr', '3 Apr', '5 Apr']);
  });

  it('labels the dates in the app locale', () => {
    const start = new Date('2026-11-20T23:00:00Z');
    const end = new Date('2026-11-27T23:00:00Z');
    expect(dateAxis(configOf(report(null, []), 'de-DE', start, end)).labels.slice(0, 2)).toEqual(['21. Nov.', '22. Nov.']);
    expect(dateAxis(configOf(report(null, []), 'en-US', start, end)).labels.slice(0, 2)).toEqual(['Nov 21', 'Nov 22']);
  });
});
