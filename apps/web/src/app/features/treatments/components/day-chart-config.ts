import { fromMgdl, toMgdl, type GlucoseUnit, type Reading, type TargetRange, type Treatment } from '@glucodiary/contracts';
import type { Chart, ChartConfiguration, Plugin, TooltipItem } from 'chart.js';
import { formatInZone } from '../../../core/time/zoned-time';
import { glucoseValueText } from '../../../shared/glucose/glucose-value';
import { dayBounds } from '../data-access/local-day';
import { TREATMENT_TYPE_LABELS, treatmentAmount, treatmentText } from './treatment-text';

export interface DayChartData {
  day: string;
  timeZone: string;
  unit: GlucoseUnit;
  targetRange: TargetRange | null;
  readings: Reading[];
  treatments: Treatment[];
}

/** A point as chart.js keeps it: the entry rides along for the tooltip and the marker's text. */
type ChartPoint = { x: number; y: number | null; reading?: Reading; treatment?: Treatment; text?: string };

/** A sensor reads every 1–15 minutes; a longer silence is a gap in the line, not a straight stretch across it. */
const SENSOR_GAP_MS = 30 * 60_000;
const THREE_HOURS = 3 * 3_600_000;

/** The strip under the glucose plot, one row each: insulin on top, then carbs, then other events. */
const MARK_ROWS = { insulin: 2.5, carbs: 1.5, event: 0.5 } as const;
const MARK_ROW_NAMES: Readonly<Record<number, string>> = { 2.5: 'Insulin', 1.5: 'Carbs', 0.5: 'Events' };

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
  const line: ChartPoint[] = [];
  let previous: number | undefined;
  for (const reading of readings) {
    const x = Date.parse(reading.takenAt);
    if (previous !== undefined && x - previous > SENSOR_GAP_MS) line.push({ x: previous + 1, y: null });
    line.push({ x, y: reading.value, reading });
    previous = x;
  }
  return line;
}

function marks(treatments: Treatment[], row: number): ChartPoint[] {
  return treatments.map((treatment) => ({
    x: Date.parse(treatment.takenAt),
    y: row,
    treatment,
    text: treatmentAmount(treatment) ?? TREATMENT_TYPE_LABELS[treatment.type],
  }));
}

/** What the chart shows, in words, for those who cannot see it; the entries themselves are listed below it. */
export function dayChartSummary(data: DayChartData): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const sensor = data.readings.filter((reading) => reading.kind === 'sensor').length;
  const finger = data.readings.length - sensor;
  const insulin = data.treatments.filter((t) => t.type === 'insulin');
  const carbs = data.treatments.filter((t) => t.type === 'carbs');
  const events = data.treatments.length - insulin.length - carbs.length;
  const target = targetIn(data.unit, data.targetRange);
  const sum = (items: Treatment[], pick: (t: Treatment) => number | null) => Math.round(items.reduce((total, t) => total + (pick(t) ?? 0), 0) * 100) / 100;
  const parts = [
    `${count(sensor, 'sensor reading', 'sensor readings')} as a line and ${count(finger, 'finger-stick', 'finger-sticks')} as points`,
    target ? `the target range ${target.low} to ${target.high} ${data.unit} shaded` : null,
    `${count(insulin.length, 'insulin dose', 'insulin doses')}${insulin.length ? ` (${sum(insulin, (t) => t.units)} U in all)` : ''}`,
    `${count(carbs.length, 'carbs entry', 'carbs entries')}${carbs.length ? ` (${sum(carbs, (t) => t.grams)} g in all)` : ''}`,
    count(events, 'other event', 'other events'),
  ].filter((part): part is string => part !== null);
  return `Chart of the day: ${parts.join('; ')}. Every entry is listed below the chart.`;
}

/**
 * One local day from midnight to midnight: sensor glucose as a line, finger-sticks as points, the
 * target range shaded behind them, and a strip below with insulin, carbs and other events as
 * markers labelled with their amounts. A LO/HI is drawn at the device's limit but named LO/HI.
 */
export function dayChartConfig(data: DayChartData): ChartConfiguration {
  const { from, to } = dayBounds(data.day, data.timeZone);
  const [start, end] = [from.getTime(), to.getTime()];
  const when = (x: number) => formatInZone(new Date(x), data.timeZone, 'HH:mm');
  const target = targetIn(data.unit, data.targetRange);
  const edge = (y: number) => [
    { x: start, y },
    { x: end, y },
  ];
  const band = target
    ? [
        { type: 'line', label: 'Target low', yAxisID: 'y', data: edge(target.low), borderColor: '#1b5e20', borderWidth: 1, pointRadius: 0 },
        {
          type: 'line',
          label: 'Target range',
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
  const sensor = data.readings.filter((reading) => reading.kind === 'sensor');
  const fingerSticks = data.readings.filter((reading) => reading.kind !== 'sensor');
  const ofType = (...types: Treatment['type'][]) => data.treatments.filter((t) => types.includes(t.type));
  const mark = { yAxisID: 'marks', pointRadius: 6, pointHoverRadius: 8 };
  return {
    type: 'scatter',
    data: {
      datasets: [
        ...band,
        { type: 'line', label: 'Sensor', yAxisID: 'y', data: sensorLine(sensor), borderColor: '#1565c0', borderWidth: 2, pointRadius: 0, pointHitRadius: 4, spanGaps: false },
        { label: 'Finger-stick', yAxisID: 'y', data: fingerSticks.map((reading) => ({ x: Date.parse(reading.takenAt), y: reading.value, reading })), backgroundColor: '#6a1b9a', pointRadius: 5 },
        { ...mark, label: 'Insulin', data: marks(ofType('insulin'), MARK_ROWS.insulin), backgroundColor: '#c62828', pointStyle: 'triangle' },
        { ...mark, label: 'Carbs', data: marks(ofType('carbs'), MARK_ROWS.carbs), backgroundColor: '#a15c00', pointStyle: 'rectRot' },
        {
          ...mark,
          label: 'Events',
          data: marks(ofType('activity', 'note', 'ketones', 'hba1c', 'sensor-change', 'site-change'), MARK_ROWS.event),
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
          // Every three hours from local midnight, not from the epoch's (which is midnight in UTC only).
          afterBuildTicks: (axis) => {
            axis.ticks = Array.from({ length: Math.floor((end - start) / THREE_HOURS) + 1 }, (_, step) => ({ value: start + step * THREE_HOURS }));
          },
          ticks: { callback: (value) => when(Number(value)) },
        },
        // Two axes in one column: glucose, and below it the strip of markers.
        y: {
          type: 'linear',
          position: 'left',
          stack: 'day',
          stackWeight: 4,
          title: { display: true, text: data.unit },
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
        legend: { labels: { filter: (item) => item.text !== 'Target low' } },
        tooltip: {
          filter: (item: TooltipItem<'scatter'>) => {
            const raw = item.raw as ChartPoint;
            return raw.reading !== undefined || raw.treatment !== undefined;
          },
          callbacks: { label: (item) => pointText(item.raw as ChartPoint, data.unit, when) },
        },
      },
    },
  } as ChartConfiguration;
}

/** A point's tooltip: "08:15: 4.5 U rapid", "03:10: LO (below the sensor's range)". */
export function pointText(point: ChartPoint, unit: GlucoseUnit, when: (x: number) => string): string {
  if (point.treatment) return `${when(point.x)}: ${treatmentText(point.treatment)}`;
  if (!point.reading) return '';
  const shown = glucoseValueText(point.reading);
  return `${when(point.x)}: ${shown.description ? `${shown.text} (${shown.description})` : `${shown.text} ${unit}`}`;
}
