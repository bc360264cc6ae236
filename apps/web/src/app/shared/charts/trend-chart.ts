import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
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
  readonly timeZone = input.required<string>();
  readonly from = input.required<Date>();
  readonly to = input.required<Date>();

  protected readonly summary = computed(() => trendSummary(this.report()));
  protected readonly config = computed(() => trendChartConfig(this.report(), this.timeZone(), this.from(), this.to()));
}
