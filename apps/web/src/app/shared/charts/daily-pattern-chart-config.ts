import { formatNumber } from '@angular/common';
import type { DailyPatternPoint, DailyPatternReport } from '@glucodiary/contracts';
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { glucoseUnitLabel } from '../glucose/glucose-unit';
import { CHART_LABELS } from './chart-labels';

type Pick = (point: DailyPatternPoint) => number | null;
type LinePoint = { x: number; y: number | null };

const HOUR_TICK_STEP = 3;
const TARGET_COLOUR = '#1b5e20';

/** What the pattern shows, in words, for those who cannot see it. */
export function dailyPatternSummary(report: DailyPatternReport, locale = 'en-US'): string {
  const number = (value: number | null) => formatNumber(value ?? 0, locale, '1.0-1');
  const unit = glucoseUnitLabel(report.unit);
  const points = report.points.filter((point) => point.median !== null);
  const target = $localize`the target range ${number(report.targetRange.low)}:low: to ${number(report.targetRange.high)}:high: ${unit}:unit: shaded`;
  if (points.length === 0) return $localize`Daily pattern: not enough readings at any time of day yet; ${target}:target:.`;
  const highest = points.reduce((a, b) => ((b.median ?? 0) > (a.median ?? 0) ? b : a));
  const lowest = points.reduce((a, b) => ((b.median ?? 0) < (a.median ?? 0) ? b : a));
  return (
    $localize`Daily pattern over 24 hours: the median with the 25–75% and 5–95% bands of each hour, ${target}:target:.` +
    ' ' +
    $localize`The median is highest around ${highest.hour}:highestHour::00 (${number(highest.median)}:highest: ${unit}:unit:) and lowest around ${lowest.hour}:lowestHour::00 (${number(lowest.median)}:lowest:).`
  );
}

/**
 * The hour's value at the middle of each hour, and the day wrapping round at both ends: midnight
 * lies between 23:30 and 00:30, so the lines run from 00:00 to 24:00 as on the consensus AGP.
 */
function series(points: DailyPatternPoint[], pick: Pick): LinePoint[] {
  const first = points.find((point) => point.hour === 0);
  const last = points.find((point) => point.hour === 23);
  const [a, b] = [first && pick(first), last && pick(last)];
  const midnight = a != null && b != null ? Math.round(((a + b) / 2) * 10) / 10 : null;
  return [{ x: 0, y: midnight }, ...points.map((point) => ({ x: point.hour + 0.5, y: pick(point) })), { x: 24, y: midnight }];
}

/**
 * The Ambulatory Glucose Profile of the 2019 consensus: the median line, the 25–75% and 5–95%
 * bands filled, over a 24-hour day with ticks every three hours, and the target range shaded.
 * A band is its upper line filled down to its lower line (`fill: '-1'`, the dataset before it).
 */
export function dailyPatternChartConfig(report: DailyPatternReport): ChartConfiguration {
  const { points, targetRange } = report;
  const line = (label: string, data: LinePoint[], extra: Partial<ChartDataset<'line', LinePoint[]>> = {}): ChartDataset<'line', LinePoint[]> => ({
    type: 'line',
    label,
    data,
    pointRadius: 0,
    borderWidth: 1,
    spanGaps: false,
    ...extra,
  });
  const day = (y: number) => [
    { x: 0, y },
    { x: 24, y },
  ];
  return {
    type: 'line',
    data: {
      datasets: [
        line(CHART_LABELS.targetLow, day(targetRange.low), { borderColor: TARGET_COLOUR }),
        line(CHART_LABELS.targetRange, day(targetRange.high), { borderColor: TARGET_COLOUR, fill: '-1', backgroundColor: 'rgba(27, 94, 32, 0.12)' }),
        line(CHART_LABELS.p5, series(points, (p) => p.p5), { borderColor: '#90caf9' }),
        line(CHART_LABELS.p5to95, series(points, (p) => p.p95), { borderColor: '#90caf9', fill: '-1', backgroundColor: 'rgba(144, 202, 249, 0.3)' }),
        line(CHART_LABELS.p25, series(points, (p) => p.p25), { borderColor: '#1e88e5' }),
        line(CHART_LABELS.p25to75, series(points, (p) => p.p75), { borderColor: '#1e88e5', fill: '-1', backgroundColor: 'rgba(30, 136, 229, 0.4)' }),
        line(CHART_LABELS.median, series(points, (p) => p.median), { borderColor: '#0d47a1', borderWidth: 3 }),
      ],
    },
    options: {
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: 24,
          afterBuildTicks: (axis) => {
            axis.ticks = Array.from({ length: 24 / HOUR_TICK_STEP + 1 }, (_, step) => ({ value: step * HOUR_TICK_STEP }));
          },
          ticks: { callback: (value) => `${String(value).padStart(2, '0')}:00` },
        },
        y: { title: { display: true, text: glucoseUnitLabel(report.unit) } },
      },
      plugins: {
        legend: { labels: { filter: (item) => ![CHART_LABELS.p5, CHART_LABELS.p25, CHART_LABELS.targetLow].includes(item.text) } },
      },
    },
  } as ChartConfiguration;
}
