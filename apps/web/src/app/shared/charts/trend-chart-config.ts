import type { TrendPoint, TrendReport } from '@glucodiary/contracts';
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { formatInZone } from '../../core/time/zoned-time';

/** A point as chart.js keeps it: the trend point rides along for the tooltip. */
type ChartPoint = { x: number; y: number | null; point?: TrendPoint };

/** "5 minutes", "hour", "3 hours", "day": the length of one stretch, as a reader says it. */
export function stretchName(minutes: number): string {
  if (minutes === 1440) return 'day';
  if (minutes % 60 === 0) return minutes === 60 ? 'hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/** What the chart shows, in words, for those who cannot see it. */
export function trendSummary(report: TrendReport): string {
  const { low, high } = report.targetRange;
  const range = `with the target range ${low} to ${high} ${report.unit} shaded`;
  if (report.bucketMinutes === null) return `Trend chart of ${report.count} readings ${range}.`;
  return `Trend chart of ${report.count} readings as the median, lowest and highest of each ${stretchName(report.bucketMinutes)}, ${range}.`;
}

/**
 * Readings as points; a report summed up in stretches shows each stretch's median as a point
 * over a band from its lowest to its highest reading, broken where stretches have no readings.
 */
export function trendChartConfig(report: TrendReport, timeZone: string, from: Date, to: Date): ChartConfiguration {
  const { low, high } = report.targetRange;
  const [start, end] = [from.getTime(), to.getTime()];
  const edge = (y: number) => [
    { x: start, y },
    { x: end, y },
  ];
  const when = (x: number) => formatInZone(new Date(x), timeZone, 'd MMM HH:mm');
  const medians: ChartPoint[] = report.points.map((point) => ({ x: Date.parse(point.at), y: point.value, point }));
  const band = report.bucketMinutes === null ? [] : spreadBand(report, report.bucketMinutes * 60_000);
  return {
    type: 'scatter',
    data: {
      datasets: [
        { type: 'line', label: 'Target low', data: edge(low), borderColor: '#1b5e20', borderWidth: 1, pointRadius: 0 },
        {
          type: 'line',
          label: 'Target range',
          data: edge(high),
          borderColor: '#1b5e20',
          borderWidth: 1,
          pointRadius: 0,
          fill: '-1',
          backgroundColor: 'rgba(27, 94, 32, 0.12)',
        },
        ...band,
        {
          label: report.bucketMinutes === null ? 'Readings' : 'Median',
          data: medians,
          backgroundColor: '#1565c0',
          pointRadius: report.bucketMinutes === null ? 3 : 2,
        },
      ],
    },
    options: {
      scales: {
        x: {
          type: 'linear',
          min: start,
          max: end,
          ticks: { maxTicksLimit: 7, callback: (value) => formatInZone(new Date(Number(value)), timeZone, 'd MMM') },
        },
        y: { title: { display: true, text: report.unit } },
      },
      plugins: {
        legend: { labels: { filter: (item) => item.text !== 'Target low' && item.text !== 'Lowest' } },
        tooltip: {
          filter: (item: TooltipItem<'scatter'>) => (item.raw as ChartPoint).point !== undefined,
          callbacks: {
            label: (item) => {
              const { point } = item.raw as ChartPoint;
              if (!point || point.count === 1) return `${when(item.parsed.x as number)}: ${item.parsed.y}`;
              return `${when(item.parsed.x as number)}: median ${point.value} (${point.lowest}–${point.highest}, ${point.count} readings)`;
            },
          },
        },
      },
    },
  } as ChartConfiguration;
}

/** Lowest and highest lines with the space between filled, broken (null) across stretches without readings. */
function spreadBand(report: TrendReport, bucketMs: number) {
  const lowest: ChartPoint[] = [];
  const highest: ChartPoint[] = [];
  let previous: number | undefined;
  for (const point of report.points) {
    const x = Date.parse(point.at);
    if (previous !== undefined && x - previous > bucketMs) {
      lowest.push({ x: previous + bucketMs, y: null });
      highest.push({ x: previous + bucketMs, y: null });
    }
    lowest.push({ x, y: point.lowest });
    highest.push({ x, y: point.highest });
    previous = x;
  }
  const line = { type: 'line' as const, pointRadius: 0, borderWidth: 0, spanGaps: false };
  return [
    { ...line, label: 'Lowest', data: lowest },
    { ...line, label: 'Lowest to highest', data: highest, fill: '-1', backgroundColor: 'rgba(21, 101, 192, 0.2)' },
  ];
}
