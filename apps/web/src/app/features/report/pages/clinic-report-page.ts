import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, resource } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { offlineCopyTime } from '../../../core/offline/offline-copy';
import { OfflineNotice } from '../../../core/offline/offline-notice';
import { formatZoned } from '../../../core/i18n/zoned-date-format';
import { DailyPatternChart } from '../../../shared/charts/daily-pattern-chart';
import { ReportsApi } from '../../../shared/data-access/reports.api';
import { LogbookTable } from '../../../shared/glucose/logbook-table';
import { PeriodPicker } from '../../../shared/period/period-picker';
import { periodSelection } from '../../../shared/period/period-selection';
import { StatisticsCards } from '../../dashboard/components/statistics-cards';
import { ConsensusTimeInRanges } from '../components/consensus-time-in-ranges';
import { Hba1cBesideGmi } from '../components/hba1c-beside-gmi';
import { InsulinCarbsTable } from '../components/insulin-carbs-table';
import { GlucoseNumberPipe } from '../../../shared/glucose/glucose-number';
import { GlucoseUnitPipe } from '../../../shared/glucose/glucose-unit';
import { count } from '../../../shared/text/count-text';
import { READINGS } from '../../../shared/text/nouns';

/** One printable page for a clinic visit: period, figures, time in ranges, daily pattern, insulin and carbohydrates, logbook. */
@Component({
  selector: 'app-clinic-report-page',
  imports: [
    OfflineNotice,
    GlucoseNumberPipe,
    GlucoseUnitPipe,
    MatButtonModule,
    MatProgressBarModule,
    PeriodPicker,
    StatisticsCards,
    Hba1cBesideGmi,
    ConsensusTimeInRanges,
    DailyPatternChart,
    InsulinCarbsTable,
    LogbookTable,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="controls no-print">
      <app-period-picker [(days)]="days" />
      <button mat-flat-button type="button" (click)="print()" [disabled]="!report.hasValue() || report.isLoading()" i18n>Print or save as PDF</button>
    </div>
    @if (report.isLoading()) {
      <mat-progress-bar class="no-print" mode="indeterminate" i18n-aria-label aria-label="Preparing the report" />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    <app-offline-notice class="no-print" [asOf]="offlineAsOf()" />
    @if (report.hasValue()) {
      @let stats = report.value().statistics;
      <article class="report">
        <header>
          <h1 class="page-title" i18n>Glucose report: {{ auth.user()?.displayName }}</h1>
          <p i18n>
            {{ periodLabel() }} · {{ readingsCount() }} · target {{ stats.targetRange.low | glucose: stats.unit }}–{{ stats.targetRange.high | glucose: stats.unit }}
            {{ stats.unit | glucoseUnit }}
          </p>
        </header>
        <section aria-labelledby="report-figures">
          <h2 id="report-figures" i18n>Figures</h2>
          <app-statistics-cards [statistics]="stats" />
          @if (stats.hba1c.length > 0) {
            <app-hba1c-beside-gmi [statistics]="stats" />
          }
        </section>
        <section class="tir" aria-labelledby="report-tir">
          <h2 id="report-tir" i18n>Time in ranges</h2>
          @if (stats.timeInRange; as tir) {
            <app-consensus-time-in-ranges [timeInRange]="tir" />
          } @else {
            <p class="muted" i18n>Too few readings for time in ranges.</p>
          }
        </section>
        <section class="pattern" aria-labelledby="report-pattern">
          <h2 id="report-pattern" i18n>Daily pattern (AGP)</h2>
          <app-daily-pattern-chart [report]="report.value().pattern" />
        </section>
        <section class="insulin-carbs" aria-labelledby="report-insulin-carbs">
          <h2 id="report-insulin-carbs" i18n>Insulin and carbohydrates</h2>
          <app-insulin-carbs-table [treatments]="stats.treatments" [timeZone]="stats.timeZone" />
        </section>
        <section class="logbook" aria-labelledby="report-logbook">
          <h2 id="report-logbook" i18n>Logbook</h2>
          <app-logbook-table [report]="report.value().logbook" [profile]="auth.user()" />
        </section>
      </article>
    }
  `,
  styles: `
    .controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; margin-bottom: 1rem; }
    .report h2 { font-size: 1.1rem; margin: 1rem 0 0.5rem; }
    @media print {
      .report { font-size: 11pt; }
      .tir, .pattern, .logbook { break-inside: avoid-page; }
      .logbook { break-before: page; }
    }
  `,
})
export class ClinicReportPage {
  protected readonly auth = inject(AuthStore);
  private readonly reports = inject(ReportsApi);
  private readonly locale = inject(LOCALE_ID);
  private readonly selection = periodSelection();
  protected readonly days = this.selection.days;
  protected readonly report = resource({
    params: () => this.selection.period(),
    loader: async ({ params: period }) => {
      const [statistics, pattern, logbook] = await Promise.all([
        this.reports.statistics(period),
        this.reports.dailyPattern(period),
        this.reports.logbook(period),
      ]);
      return { statistics, pattern, logbook };
    },
  });
  protected readonly error = computed(() => (this.report.error() ? describeHttpError(this.report.error()) : null));
  protected readonly offlineAsOf = offlineCopyTime(this.selection.period, () => this.report.reload());
  protected readonly periodLabel = computed(() => {
    if (!this.report.hasValue()) return '';
    const { timeZone, from, to } = this.report.value().statistics;
    const day = (iso: string) => formatZoned(iso, timeZone, 'date', this.locale);
    return `${day(from)} – ${day(to)}`;
  });
  protected readonly readingsCount = computed(() => (this.report.hasValue() ? count(this.report.value().statistics.count, READINGS, this.locale) : ''));

  protected print(): void {
    window.print();
  }
}
