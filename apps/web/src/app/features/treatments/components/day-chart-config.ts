import { formatNumber } from '@angular/common';
import { fromMgdl, toMgdl, type GlucoseUnit, type Reading, type TargetRange, type Treatment } from '@glucodiary/contracts';
import type { Chart, ChartConfiguration, Plugin, TooltipItem } from 'chart.js';
import { formatZoned } from '../../../core/i18n/zoned-date-format';
import { CHART_LABELS } from '../../../shared/charts/chart-labels';
import { brokenLine, loneReadingRadii } from '../../../shared/charts/sensor-line';
import { localHourTicks } from '../../../shared/charts/time-axis';
import { glucoseUnitLabel } from '../../../shared/glucose/glucose-unit';
import { glucoseValueText } from '../../../shared/glucose/glucose-value';
import { count, type PluralForms } from '../../../shared/text/count-text';
import { FINGER_STICKS, INSULIN_DOSES, SENSOR_READINGS } from '../../../shared/text/nouns';
import { dayBounds } from '../data-access/local-day';
import { TREATMENT_TYPE_LABELS, treatmentAmount, treatmentText } from './treatment-text';

export interface DayChartData {
  day: string;
  timeZone: string;
  unit: GlucoseUnit;
  targetRange: TargetRange | null;
  readings: Reading[];
  treatments: Treatment[];
  /** How numbers and times are written (LOCALE_ID). */
  locale: string;
}

/** A point as chart.js keeps it: the entry rides along for the tooltip and the marker's text. */
type ChartPoint = { x: number; y: number | null; reading?: Reading; treatment?: Treatment; text?: string };

/** The strip under the glucose plot, one row each: insulin on top, then carbs, then other events. */
const MARK_ROWS = { insulin: 2.5, carbs: 1.5, event: 0.5 } as const;
/** The datasets' names, in the legend and the strip's rows. */
const LABELS = { ...CHART_LABELS, insulin: $localize`Insulin`, carbs: $localize`Carbs`, events: $localize`Events` };
const MARK_ROW_NAMES: Readonly<Record<number, string>> = { 2.5: LABELS.insulin, 1.5: LABELS.carbs, 0.5: LABELS.events };
const CARBS_ENTRIES: PluralForms = { one: $localize`carbs entry`, other: $localize`carbs entries` };
const OTHER_EVENTS: PluralForms = { one: $localize`other event`, other: $localize`other events` };

/** Writes each marker's amount beside it ("4.5 U rapid", "60 g"), so it is read without a tooltip. */
const markerText: Plugin<'scatter'> = {
  id: 'markerText',
  afterDatasetsDraw(chart: Chart<'scatter'>) {
    const { ctx } = chart;
    ctx.save();
    ctx.font = '12px Roboto, system-ui, sans-serif';
    ctx.fillStyle = '#1a1a1a';
    ctx.textBaseline = 'middle';
    chart.data.datasets.forEach((dataset, index) => {
      if ((dataset as { yAxisID?: string }).yAxisID !== 'marks' || !chart.isDatasetVisible(index)) return;
      chart.getDatasetMeta(index).data.forEach((element, at) => {
        const text = (dataset.data[at] as ChartPoint | undefined)?.text;
        if (text) ctx.fillText(text, element.x + 7, element.y);
      });
    });
    ctx.restore();
  },
};

/** The target range in the unit the readings are shown in. */
function targetIn(unit: GlucoseUnit, range: TargetRange | null): { low: number; high: number } | null {
  if (!range) return null;
  return { low: fromMgdl(toMgdl(range.low, range.unit), unit), high: fromMgdl(toMgdl(range.high, range.unit), unit) };
}

/** The sensor's readings as one line, broken (a null) where it was silent for longer than a gap. */
function sensorLine(readings: Reading[]): ChartPoint[] {
  return brokenLine(readings.map((reading) => ({ x: Date.parse(reading.takenAt), y: reading.value, reading })));
}

function marks(treatments: Treatment[], row: number, locale: string): ChartPoint[] {
  return treatments.map((treatment) => ({
    x: Date.parse(treatment.takenAt),
    y: row,
    treatment,
    text: treatmentAmount(treatment, locale) ?? TREATMENT_TYPE_LABELS[treatment.type],
  }));
}

/** What the chart shows, in words, for those who cannot see it; the entries themselves are listed below it. */
export function dayChartSummary(data: DayChartData): string {
  const { locale } = data;
  const number = (n: number) => formatNumber(n, locale, '1.0-2');
  const sensor = data.readings.filter((reading) => reading.kind === 'sensor').length;
  const finger = data.readings.length - sensor;
  const insulin = data.treatments.filter((t) => t.type === 'insulin');
  const carbs = data.treatments.filter((t) => t.type === 'carbs');
  const events = data.treatments.length - insulin.length - carbs.length;
  const target = targetIn(data.unit, data.targetRange);
  const sum = (items: Treatment[], pick: (t: Treatment) => number | null) => Math.round(items.reduce((total, t) => total + (pick(t) ?? 0), 0) * 100) / 100;
  const [doses, carbsEntries] = [count(insulin.length, INSULIN_DOSES, locale), count(carbs.length, CARBS_ENTRIES, locale)];
  const parts = [
    $localize`${count(sensor, SENSOR_READINGS, locale)}:sensorReadings: as a line and ${count(finger, FINGER_STICKS, locale)}:fingerSticks: as points`,
    target ? $localize`the target range ${number(target.low)}:low: to ${number(target.high)}:high: ${glucoseUnitLabel(data.unit)}:unit: shaded` : null,
    insulin.length ? $localize`${doses}:doses: (${number(sum(insulin, (t) => t.units))}:units: U in all)` : doses,
    carbs.length ? $localize`${carbsEntries}:entries: (${number(sum(carbs, (t) => t.grams))}:grams: g in all)` : carbsEntries,
    count(events, OTHER_EVENTS, locale),
  ].filter((part): part is string => part !== null);
  return $localize`Chart of the day: ${parts.join('; ')}:parts:. Every entry is listed below the chart.`;
}

/**
 * One local day from midnight to midnight: sensor glucose as a line, finger-sticks as points, the
 * target range shaded behind them, and a strip below with insulin, carbs and other events as
 * markers labelled with their amounts. A LO/HI is drawn at the device's limit but named LO/HI.
 */
export function dayChartConfig(data: DayChartData): ChartConfiguration {
  const { from, to } = dayBounds(data.day, data.timeZone);
  const [start, end] = [from.getTime(), to.getTime()];
  const when = (x: number) => formatZoned(x, data.timeZone, 'time', data.locale);
  const target = targetIn(data.unit, data.targetRange);
  const edge = (y: number) => [
    { x: start, y },
    { x: end, y },
  ];
  const band = target
    ? [
        { type: 'line', label: LABELS.targetLow, yAxisID: 'y', data: edge(target.low), borderColor: '#1b5e20', borderWidth: 1, pointRadius: 0 },
        {
          type: 'line',
          label: LABELS.targetRange,
          yAxisID: 'y',
          data: edge(target.high),
          borderColor: '#1b5e20',
          borderWidth: 1,
          pointRadius: 0,
          fill: '-1',
          backgroundColor: 'rgba(27, 94, 32, 0.12)',
        },
      ]
    : [];
  const sensor = sensorLine(data.readings.filter((reading) => reading.kind === 'sensor'));
  const fingerSticks = data.readings.filter((reading) => reading.kind !== 'sensor');
  const ofType = (...types: Treatment['type'][]) => data.treatments.filter((t) => types.includes(t.type));
  const mark = { yAxisID: 'marks', pointRadius: 6, pointHoverRadius: 8 };
  return {
    type: 'scatter',
    data: {
      datasets: [
        ...band,
        {
          type: 'line',
          label: LABELS.sensor,
          yAxisID: 'y',
          data: sensor,
          borderColor: '#1565c0',
          borderWidth: 2,
          pointRadius: loneReadingRadii(sensor, 2),
          pointHitRadius: 4,
          spanGaps: false,
        },
        { label: LABELS.fingerStick, yAxisID: 'y', data: fingerSticks.map((reading) => ({ x: Date.parse(reading.takenAt), y: reading.value, reading })), backgroundColor: '#6a1b9a', pointRadius: 5 },
        { ...mark, label: LABELS.insulin, data: marks(ofType('insulin'), MARK_ROWS.insulin, data.locale), backgroundColor: '#c62828', pointStyle: 'triangle' },
        { ...mark, label: LABELS.carbs, data: marks(ofType('carbs'), MARK_ROWS.carbs, data.locale), backgroundColor: '#a15c00', pointStyle: 'rectRot' },
        {
          ...mark,
          label: LABELS.events,
          data: marks(ofType('activity', 'note', 'ketones', 'hba1c', 'sensor-change', 'site-change'), MARK_ROWS.event, data.locale),
          backgroundColor: '#455a64',
          pointStyle: 'rect',
        },
      ],
    },
    plugins: [markerText],
    options: {
      scales: {
        x: {
          type: 'linear',
          min: start,
          max: end,
          // Every three hours of the local clock, not from the epoch's midnight (which is midnight in UTC only).
          afterBuildTicks: (axis) => {
            axis.ticks = localHourTicks(start, end, data.timeZone, 3).map((value) => ({ value }));
          },
          ticks: { callback: (value) => when(Number(value)) },
        },
        // Two axes in one column: glucose, and below it the strip of markers.
        y: {
          type: 'linear',
          position: 'left',
          stack: 'day',
          stackWeight: 4,
          title: { display: true, text: glucoseUnitLabel(data.unit) },
          suggestedMin: data.unit === 'mg/dL' ? 40 : 2.2,
          suggestedMax: data.unit === 'mg/dL' ? 250 : 14,
        },
        marks: {
          type: 'linear',
          axis: 'y',
          position: 'left',
          stack: 'day',
          stackWeight: 1.2,
          offset: true,
          min: 0,
          max: 3,
          grid: { display: false },
          afterBuildTicks: (axis) => {
            axis.ticks = Object.keys(MARK_ROW_NAMES).map((value) => ({ value: Number(value) }));
          },
          ticks: { callback: (value) => MARK_ROW_NAMES[Number(value)] ?? '' },
        },
      },
      plugins: {
        legend: { labels: { filter: (item) => item.text !== LABELS.targetLow } },
        tooltip: {
          filter: (item: TooltipItem<'scatter'>) => {
            const raw = item.raw as ChartPoint;
            return raw.reading !== undefined || raw.treatment !== undefined;
          },
          callbacks: { label: (item) => pointText(item.raw as ChartPoint, data.unit, when, data.locale) },
        },
      },
    },
  } as ChartConfiguration;
}

/** A point's tooltip: "08:15: 4.5 U rapid", "03:10: LO (below the sensor's range)". */
export function pointText(point: ChartPoint, unit: GlucoseUnit, when: (x: number) => string, locale: string): string {
  if (point.treatment) return `${when(point.x)}: ${treatmentText(point.treatment, locale)}`;
  if (!point.reading) return '';
  const shown = glucoseValueText(point.reading, locale);
  return `${when(point.x)}: ${shown.description ? `${shown.text} (${shown.description})` : `${shown.text} ${glucoseUnitLabel(unit)}`}`;
}
