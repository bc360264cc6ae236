import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Reading, UserProfile } from '@glucodiary/contracts';
import type { ChartConfiguration } from 'chart.js';
import { formatInZone } from '../../core/time/zoned-time';
import { ChartCanvas } from './chart-canvas';

/** Readings over the period as points, with the target range shaded behind them. */
@Component({
  selector: 'app-trend-chart',
  imports: [ChartCanvas],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<app-chart-canvas [config]="config()" [summary]="summary()" />`,
})
export class TrendChart {
  readonly readings = input.required<Reading[]>();
  readonly profile = input.required<UserProfile>();
  readonly from = input.required<Date>();
  readonly to = input.required<Date>();

  protected readonly summary = computed(() => {
    const { low, high, unit } = this.profile().targetRange;
    return `Trend chart of ${this.readings().length} readings with the target range ${low} to ${high} ${unit} shaded.`;
  });

  protected readonly config = computed<ChartConfiguration>(() => {
    const { low, high } = this.profile().targetRange;
    const timeZone = this.profile().timeZone;
    const [start, end] = [this.from().getTime(), this.to().getTime()];
    const edge = (y: number) => [
      { x: start, y },
      { x: end, y },
    ];
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
          {
            label: 'Readings',
            data: this.readings().map((reading) => ({ x: Date.parse(reading.takenAt), y: reading.value })),
            backgroundColor: '#1565c0',
            pointRadius: 3,
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
          y: { title: { display: true, text: this.profile().preferredUnit } },
        },
        plugins: {
          legend: { labels: { filter: (item) => item.text !== 'Target low' } },
          tooltip: {
            callbacks: {
              label: (item) => `${formatInZone(new Date(Number(item.parsed.x)), timeZone, 'd MMM HH:mm')}: ${item.parsed.y}`,
            },
          },
        },
      },
    };
  });
}
