import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { DailyPatternReport } from '@glucodiary/contracts';
import type { ChartConfiguration } from 'chart.js';
import { ChartCanvas } from './chart-canvas';

/** The Ambulatory Glucose Profile's picture: median line, 25–75% and 5–95% bands, by hour of day. */
@Component({
  selector: 'app-daily-pattern-chart',
  imports: [ChartCanvas],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<app-chart-canvas [config]="config()" [summary]="summary()" />`,
})
export class DailyPatternChart {
  readonly report = input.required<DailyPatternReport>();

  protected readonly summary = computed(() => {
    const points = this.report().points.filter((point) => point.median !== null);
    if (points.length === 0) return 'Daily pattern: not enough readings at any time of day yet.';
    const highest = points.reduce((a, b) => ((b.median ?? 0) > (a.median ?? 0) ? b : a));
    const lowest = points.reduce((a, b) => ((b.median ?? 0) < (a.median ?? 0) ? b : a));
    return `Daily pattern by hour. Median is highest around ${highest.hour}:00 (${highest.median} ${this.report().unit}) and lowest around ${lowest.hour}:00 (${lowest.median}).`;
  });

  protected readonly config = computed<ChartConfiguration>(() => {
    const { points, targetRange } = this.report();
    const series = (pick: (p: DailyPatternReport['points'][number]) => number | null) =>
      points.map((point) => ({ x: point.hour + 0.5, y: pick(point) }));
    const line = (label: string, data: { x: number; y: number | null }[], extra: object = {}) => ({
      type: 'line' as const,
      label,
      data,
      pointRadius: 0,
      borderWidth: 1,
      spanGaps: false,
      ...extra,
    });
    return {
      type: 'line',
      data: {
        datasets: [
          line('5th percentile', series((p) => p.p5), { borderColor: '#90caf9' }),
          line('5–95%', series((p) => p.p95), { borderColor: '#90caf9', fill: '-1', backgroundColor: 'rgba(144, 202, 249, 0.25)' }),
          line('25th percentile', series((p) => p.p25), { borderColor: '#1e88e5' }),
          line('25–75%', series((p) => p.p75), { borderColor: '#1e88e5', fill: '-1', backgroundColor: 'rgba(30, 136, 229, 0.35)' }),
          line('Median', series((p) => p.median), { borderColor: '#0d47a1', borderWidth: 3 }),
          line('Target low', [{ x: 0, y: targetRange.low }, { x: 24, y: targetRange.low }], { borderColor: '#1b5e20', borderDash: [6, 4] }),
          line('Target range', [{ x: 0, y: targetRange.high }, { x: 24, y: targetRange.high }], { borderColor: '#1b5e20', borderDash: [6, 4] }),
        ],
      },
      options: {
        scales: {
          x: { type: 'linear', min: 0, max: 24, ticks: { stepSize: 3, callback: (value) => `${String(value).padStart(2, '0')}:00` } },
          y: { title: { display: true, text: this.report().unit } },
        },
        plugins: {
          legend: {
            labels: { filter: (item) => !['5th percentile', '25th percentile', 'Target low'].includes(item.text) },
          },
        },
      },
    };
  });
}
