import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import type { DailyPatternReport } from '@glucodiary/contracts';
import { ChartCanvas } from './chart-canvas';
import { dailyPatternChartConfig, dailyPatternSummary } from './daily-pattern-chart-config';

/** The Ambulatory Glucose Profile's picture (see dailyPatternChartConfig). */
@Component({
  selector: 'app-daily-pattern-chart',
  imports: [ChartCanvas],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<app-chart-canvas [config]="config()" [summary]="summary()" />`,
})
export class DailyPatternChart {
  readonly report = input.required<DailyPatternReport>();
  private readonly locale = inject(LOCALE_ID);

  protected readonly summary = computed(() => dailyPatternSummary(this.report(), this.locale));
  protected readonly config = computed(() => dailyPatternChartConfig(this.report()));
}
