import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import type { TrendReport } from '@glucodiary/contracts';
import { ChartCanvas } from './chart-canvas';
import { trendChartConfig, trendSummary } from './trend-chart-config';

/** The period's readings over time, with the target range shaded behind them (see trendChartConfig). */
@Component({
  selector: 'app-trend-chart',
  imports: [ChartCanvas],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<app-chart-canvas [config]="config()" [summary]="summary()" />`,
})
export class TrendChart {
  readonly report = input.required<TrendReport>();
  private readonly locale = inject(LOCALE_ID);

  protected readonly summary = computed(() => trendSummary(this.report(), this.locale));
  // The report's own period and zone: the axes change together with the points.
  protected readonly config = computed(() => {
    const report = this.report();
    return trendChartConfig(report, report.timeZone, new Date(report.from), new Date(report.to), this.locale);
  });
}
