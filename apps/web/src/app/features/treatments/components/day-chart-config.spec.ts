import { registerLocaleData } from '@angular/common';
import localeDe from '@angular/common/locales/de';
import localeEnGb from '@angular/common/locales/en-GB';
import type { Scale, TooltipItem } from 'chart.js';
import { readingFixture } from '../../../shared/testing/reading.testing';
import { carbsFixture, treatmentFixture } from '../../../shared/testing/treatment.testing';
import { dayChartConfig, dayChartSummary, type DayChartData } from './day-chart-config';

const sensor = (takenAt: string, value: number, beyondRange: 'below' | 'above' | null = null) =>
  readingFixture({ id: takenAt, takenAt, value, unit: 'mmol/L', valueMgdl: value * 18, kind: 'sensor', source: 'sensor_history', beyondRange });
registerLocaleData(localeEnGb);
registerLocaleData(localeDe);
// Numbers and times as en-GB writes them: "4.5", "00:05".
const data: DayChartData = {
  day: '2026-07-01',
  timeZone: 'Europe/Berlin',
  locale: 'en-GB',
  unit: 'mmol/L',
  targetRange: { low: 70, high: 180, unit: 'mg/dL' },
  readings: [
    sensor('2026-06-30T22:00:00.000Z', 2.2, 'below'),
    sensor('2026-06-30T22:05:00.000Z', 4.1),
    // Silent for an hour: the line breaks.
    sensor('2026-06-30T23:05:00.000Z', 5.0),
    readingFixture({ id: 'f1', takenAt: '2026-07-01T06:00:00.000Z', value: 6.5, unit: 'mmol/L', valueMgdl: 117 }),
  ],
  treatments: [treatmentFixture({ takenAt: '2026-07-01T06:05:00.000Z' }), carbsFixture(60, { takenAt: '2026-07-01T06:10:00.000Z' })],
};
const datasetsOf = () => dayChartConfig(data).data.datasets;
const dataset = (label: string) => datasetsOf().find((candidate) => candidate.label === label)!;
const points = (label: string) => dataset(label).data as { x: number; y: number | null; text?: string }[];
const tooltipOf = (label: string, index: number) => {
  const tooltip = dayChartConfig(data).options!.plugins!.tooltip!;
  const raw = points(label)[index]!;
  const item = { raw, parsed: { x: raw.x, y: raw.y } } as unknown as TooltipItem<'scatter'>;
  return { shown: (tooltip.filter as (item: TooltipItem<'scatter'>) => boolean)(item), label: (tooltip.callbacks!.label as (item: TooltipItem<'scatter'>) => string)(item) };
};

describe('day chart', () => {
  it('draws the sensor as a line broken across a silence, finger-sticks as points, over the target range in the unit shown', () => {
    expect(points('Sensor').map((point) => point.y)).toEqual([2.2, 4.1, null, 5.0]);
    expect(points('Finger-stick').map((point) => point.y)).toEqual([6.5]);
    expect(points('Target low').map((point) => point.y)).toEqual([3.9, 3.9]);
    expect(points('Target range').map((point) => point.y)).toEqual([10, 10]);
  });

  it('breaks the line after more than three missed 5-minute readings, keeps a 15-minute history whole, and shows a lone reading as a dot', () => {
    const at = (minutes: number) => new Date(Date.parse('2026-07-01T06:00:00.000Z') + minutes * 60_000).toISOString();
    const config = dayChartConfig({ ...data, readings: [0, 15, 30, 55, 60, 100].map((minutes) => sensor(at(minutes), 6)) });
    const line = config.data.datasets.find((candidate) => candidate.label === 'Sensor')! as unknown as { data: { x: number; y: number | null }[]; pointRadius: number[] };
    expect(line.data.map((point) => point.y)).toEqual([6, 6, 6, null, 6, 6, null, 6]);
    expect(line.pointRadius.map((radius) => radius > 0)).toEqual([false, false, false, false, false, false, false, true]);
  });

  it('names a LO as LO, not as the limit it is drawn at', () => {
    expect(tooltipOf('Sensor', 0)).toEqual({ shown: true, label: "00:00: LO (below the sensor's range)" });
    expect(tooltipOf('Sensor', 1).label).toBe('00:05: 4.1 mmol/L');
    expect(tooltipOf('Target low', 0).shown).toBe(false);
  });

  it('marks insulin and carbs with their amounts in their own rows', () => {
    expect(points('Insulin').map((point) => point.text)).toEqual(['4.5 U rapid']);
    expect(points('Carbs').map((point) => point.text)).toEqual(['60 g']);
    expect(tooltipOf('Carbs', 0).label).toBe('08:10: Carbs 60 g');
    expect((dataset('Insulin') as { yAxisID?: string }).yAxisID).toBe('marks');
  });

  it('spans the local day with a tick every three hours from local midnight', () => {
    const x = dayChartConfig(data).options!.scales!['x'] as { min: number; max: number; afterBuildTicks: (axis: Scale) => void; ticks: { callback: (value: number) => string } };
    expect(new Date(x.min).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(new Date(x.max).toISOString()).toBe('2026-07-01T21:59:59.999Z');
    const axis = { ticks: [] } as unknown as Scale;
    x.afterBuildTicks(axis);
    expect(axis.ticks.map((tick) => x.ticks.callback(tick.value))).toEqual(['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00']);
  });

  it('keeps the ticks on the local clock on the day summer time begins', () => {
    const x = dayChartConfig({ ...data, day: '2026-03-29', readings: [], treatments: [] }).options!.scales!['x'] as {
      afterBuildTicks: (axis: Scale) => void;
      ticks: { callback: (value: number) => string };
    };
    const axis = { ticks: [] } as unknown as Scale;
    x.afterBuildTicks(axis);
    expect(axis.ticks.map((tick) => x.ticks.callback(tick.value))).toEqual(['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00']);
  });

  it('says in words what it shows', () => {
    expect(dayChartSummary(data)).toBe(
      'Chart of the day: 3 sensor readings as a line and 1 finger-stick as points; the target range 3.9 to 10 mmol/L shaded; ' +
        '1 insulin dose (4.5 U in all); 1 carbs entry (60 g in all); 0 other events. Every entry is listed below the chart.',
    );
  });

  it("writes numbers and times in the user's format", () => {
    const german = { ...data, locale: 'de-DE' };
    expect(dayChartSummary(german)).toContain('the target range 3,9 to 10 mmol/L shaded; 1 insulin dose (4,5 U in all)');
    const raw = points('Sensor')[1]!;
    const label = dayChartConfig({ ...data, locale: 'en-US' }).options!.plugins!.tooltip!.callbacks!.label as (item: TooltipItem<'scatter'>) => string;
    expect(label({ raw, parsed: { x: raw.x, y: raw.y } } as unknown as TooltipItem<'scatter'>)).toBe('12:05 AM: 4.1 mmol/L');
  });
});
