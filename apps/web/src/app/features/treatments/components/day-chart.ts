import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import type { Reading, Treatment, UserProfile } from '@glucodiary/contracts';
import { ChartCanvas } from '../../../shared/charts/chart-canvas';
import { dayChartConfig, dayChartSummary, type DayChartData } from './day-chart-config';

/** One day's glucose, insulin, carbs and events on a time line (see dayChartConfig). */
@Component({
  selector: 'app-day-chart',
  imports: [ChartCanvas],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<app-chart-canvas [config]="config()" [summary]="summary()" />`,
  styles: `:host { display: block; --chart-height: 340px; }`,
})
export class DayChart {
  readonly day = input.required<string>();
  readonly readings = input.required<Reading[]>();
  readonly treatments = input.required<Treatment[]>();
  readonly profile = input.required<UserProfile | null>();
  private readonly locale = inject(LOCALE_ID);

  private readonly data = computed<DayChartData>(() => {
    const profile = this.profile();
    return {
      day: this.day(),
      timeZone: profile?.timeZone ?? 'UTC',
      // The readings come in the user's unit; the range is converted to it.
      unit: this.readings()[0]?.unit ?? profile?.preferredUnit ?? 'mg/dL',
      targetRange: profile?.targetRange ?? null,
      readings: this.readings(),
      treatments: this.treatments(),
      locale: this.locale,
    };
  });
  protected readonly config = computed(() => dayChartConfig(this.data()));
  protected readonly summary = computed(() => dayChartSummary(this.data()));
}
