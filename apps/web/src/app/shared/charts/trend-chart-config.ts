import { formatNumber } from '@angular/common';
import type { TrendPoint, TrendReport } from '@glucodiary/contracts';
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { glucoseUnitLabel } from '../glucose/glucose-unit';
import { count } from '../text/count-text';
import { FINGER_STICKS, READINGS, SENSOR_READINGS } from '../text/nouns';
import { CHART_LABELS } from './chart-labels';
import { brokenLine, loneReadingRadii, SENSOR_GAP_MS } from './sensor-line';
import { dateTickLabel, dateTimeLabel, localMidnightTicks } from './time-axis';

/** A point as chart.js keeps it: the trend point rides along for the tooltip. */
type ChartPoint = { x: number; y: number | null; point?: TrendPoint };

/** "5 minutes", "hour", "3 hours", "day": the length of one stretch, as a reader says it. */
export function stretchName(minutes: number): string {
  if (minutes === 1440) return $localize`:of each …:day`;
  if (minutes % 60 === 0) return minutes === 60 ? $localize`:of each …:hour` : $localize`${minutes / 60}:hours: hours`;
  return $localize`${minutes}:minutes: minutes`;
}

/** What the chart shows, in words, for those who cannot see it. */
export function trendSummary(report: TrendReport, locale = 'en-US'): string {
  const number = (value: number) => formatNumber(value, locale, '1.0-1');
  const { low, high } = report.targetRange;
  const range = $localize`with the target range ${number(low)}:low: to ${number(high)}:high: ${glucoseUnitLabel(report.unit)}:unit: shaded`;
  if (report.bucketMinutes !== null) {
    const readings = count(report.count, READINGS, locale);
    return $localize`Trend chart of ${readings}:readings: as the median, lowest and highest of each ${stretchName(report.bucketMinutes)}:stretch:, ${range}:range:.`;
  }
  const sensor = report.points.filter((point) => point.kind === 'sensor').length;
  const kinds = [
    sensor > 0 ? $localize`${count(sensor, SENSOR_READINGS, locale)}:sensorReadings: as a line (broken where the sensor was silent)` : null,
    sensor < report.count ? $localize`${count(report.count - sensor, FINGER_STICKS, locale)}:fingerSticks: as points` : null,
  ].filter((part) => part !== null);
  const shown = kinds.length ? kinds.join($localize`:joins the two kinds of readings: and `) : count(0, READINGS, locale);
  return $localize`Trend chart of ${shown}:readings:, ${range}:range:.`;
}

/**
 * Sensor readings as a line broken across silences, finger-sticks as points; a report summed up
 * in stretches shows the stretches' medians as a line over a band from their lowest to their
 * highest reading, broken where stretches have no readings. Date ticks fall on local midnights.
 */
export function trendChartConfig(report: TrendReport, timeZone: string, from: Date, to: Date, locale: string): ChartConfiguration {
  const { low, high } = report.targetRange;
  const [start, end] = [from.getTime(), to.getTime()];
  const edge = (y: number) => [
    { x: start, y },
    { x: end, y },
  ];
  const when = dateTimeLabel(locale, timeZone);
  const day = dateTickLabel(locale, timeZone);
  const toPoint = (point: TrendPoint): ChartPoint => ({ x: Date.parse(point.at), y: point.value, point });
  const series = report.bucketMinutes === null ? readingSeries(report.points.map(toPoint)) : stretchSeries(report, report.bucketMinutes * 60_000);
  return {
    type: 'scatter',
    data: {
      datasets: [
        { type: 'line', label: CHART_LABELS.targetLow, data: edge(low), borderColor: '#1b5e20', borderWidth: 1, pointRadius: 0 },
        {
          type: 'line',
          label: CHART_LABELS.targetRange,
          data: edge(high),
          borderColor: '#1b5e20',
          borderWidth: 1,
          pointRadius: 0,
          fill: '-1',
          backgroundColor: 'rgba(27, 94, 32, 0.12)',
        },
        ...series,
      ],
    },
    options: {
      scales: {
        x: {
          type: 'linear',
          min: start,
          max: end,
          afterBuildTicks: (axis) => {
            axis.ticks = localMidnightTicks(start, end, timeZone).map((value) => ({ value }));
          },
          ticks: { callback: (value) => day(Number(value)) },
        },
        y: { title: { display: true, text: glucoseUnitLabel(report.unit) } },
      },
      plugins: {
        legend: { labels: { filter: (item) => item.text !== CHART_LABELS.targetLow && item.text !== CHART_LABELS.lowest } },
        tooltip: {
          filter: (item: TooltipItem<'scatter'>) => (item.raw as ChartPoint).point !== undefined,
          callbacks: {
            label: (item) => {
              const { point } = item.raw as ChartPoint;
              const [at, number] = [when(item.parsed.x as number), (value: number | null) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value ?? 0)];
              if (!point || point.count === 1) return `${at}: ${number(item.parsed.y)}`;
              const spread = `${number(point.lowest)}–${number(point.highest)}`;
              return $localize`${at}:at:: median ${number(point.value)}:median: (${spread}:spread:, ${count(point.count, READINGS, locale)}:readings:)`;
            },
          },
        },
      },
    },
  } as ChartConfiguration;
}

/** Every reading: the sensor's as one line (broken where it was silent), finger-sticks as points over it. */
function readingSeries(points: ChartPoint[]) {
  const sensor = brokenLine(points.filter(({ point }) => point?.kind === 'sensor'), SENSOR_GAP_MS);
  const fingerSticks = points.filter(({ point }) => point?.kind !== 'sensor');
  return [
    ...(sensor.length
      ? [{ type: 'line' as const, label: CHART_LABELS.sensor, data: sensor, borderColor: '#1565c0', borderWidth: 2, pointRadius: loneReadingRadii(sensor, 2), pointHitRadius: 4, spanGaps: false }]
      : []),
    ...(fingerSticks.length
      ? [{ label: CHART_LABELS.fingerStick, data: fingerSticks, backgroundColor: '#6a1b9a', borderColor: '#ffffff', borderWidth: 1, pointRadius: 4, pointStyle: 'circle' as const }]
      : []),
  ];
}

/** Medians as a line over a band from lowest to highest, all broken (null) across stretches without readings. */
function stretchSeries(report: TrendReport, bucketMs: number) {
  const median = brokenLine(
    report.points.map((point) => ({ x: Date.parse(point.at), y: point.value, point })),
    bucketMs,
  );
  const lowest = brokenLine(
    report.points.map((point) => ({ x: Date.parse(point.at), y: point.lowest })),
    bucketMs,
  );
  const highest = brokenLine(
    report.points.map((point) => ({ x: Date.parse(point.at), y: point.highest })),
    bucketMs,
  );
  const line = { type: 'line' as const, pointRadius: 0, borderWidth: 0, spanGaps: false };
  return [
    { ...line, label: CHART_LABELS.lowest, data: lowest },
    { ...line, label: CHART_LABELS.lowestToHighest, data: highest, fill: '-1', backgroundColor: 'rgba(21, 101, 192, 0.2)' },
    { ...line, label: CHART_LABELS.median, data: median, borderColor: '#1565c0', borderWidth: 2, pointRadius: loneReadingRadii(median, 2), pointHitRadius: 4 },
  ];
}
