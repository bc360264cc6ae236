import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { reloadOnLiveChange } from '../../../core/live/live-updates';
import { offlineCopyTime } from '../../../core/offline/offline-copy';
import { OfflineNotice } from '../../../core/offline/offline-notice';
import { onOutboxDelivery } from '../../../core/outbox/outbox';
import { DailyPatternChart } from '../../../shared/charts/daily-pattern-chart';
import { TrendChart } from '../../../shared/charts/trend-chart';
import { ReportsApi } from '../../../shared/data-access/reports.api';
import { TimeInRangeBar } from '../../../shared/glucose/time-in-range-bar';
import { PeriodPicker } from '../../../shared/period/period-picker';
import { periodSelection } from '../../../shared/period/period-selection';
import { LatestReading } from '../components/latest-reading';
import { StatisticsCards } from '../components/statistics-cards';
import { GlucoseNumberPipe } from '../../../shared/glucose/glucose-number';
import { GlucoseUnitPipe } from '../../../shared/glucose/glucose-unit';
import { latestValueOf } from '../../../shared/data-access/latest-value';

@Component({
  selector: 'app-dashboard-page',
  imports: [
    OfflineNotice,
    GlucoseNumberPipe,
    GlucoseUnitPipe,
    RouterLink,
    MatCardModule,
    MatProgressBarModule,
    PeriodPicker,
    LatestReading,
    StatisticsCards,
    TimeInRangeBar,
    TrendChart,
    DailyPatternChart,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <h1 class="page-title" i18n>Dashboard</h1>
      <app-period-picker [(days)]="days" />
    </div>
    @if (dashboard.isLoading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading your dashboard" i18n-aria-label />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    <app-offline-notice [asOf]="offlineAsOf()" />
    @if (shown(); as data) {
      @let stats = data.statistics;
      <div class="shown" [class.loading]="dashboard.isLoading()" [attr.aria-busy]="dashboard.isLoading()">
        <div class="grid">
          <mat-card class="latest">
            <mat-card-header><mat-card-title><h2 i18n>Latest reading</h2></mat-card-title></mat-card-header>
            <mat-card-content>
              <app-latest-reading [reading]="stats.latest" [profile]="auth.user()" />
              <a routerLink="/readings" class="add-link" i18n>Log a reading</a>
            </mat-card-content>
          </mat-card>
          <mat-card class="tir">
            <mat-card-header><mat-card-title><h2 i18n>Time in ranges</h2></mat-card-title></mat-card-header>
            <mat-card-content>
              @if (stats.timeInRange; as tir) {
                <app-time-in-range-bar [timeInRange]="tir" />
                <p class="muted" i18n>Target {{ stats.targetRange.low | glucose: stats.unit }}–{{ stats.targetRange.high | glucose: stats.unit }} {{ stats.unit | glucoseUnit }}; aim for over 70% in range.</p>
              } @else {
                <p class="muted" i18n>Needs at least 5 readings in the period.</p>
              }
            </mat-card-content>
          </mat-card>
        </div>
        <section aria-labelledby="figures-heading">
          <h2 id="figures-heading" i18n>Figures for the last {{ stats.days }} days</h2>
          <app-statistics-cards [statistics]="stats" />
        </section>
        <section aria-labelledby="trend-heading">
          <h2 id="trend-heading" i18n>Trend</h2>
          <app-trend-chart [report]="data.trend" />
        </section>
        <section aria-labelledby="pattern-heading">
          <h2 id="pattern-heading" i18n>Daily pattern</h2>
          <app-daily-pattern-chart [report]="data.pattern" />
        </section>
      </div>
    }
  `,
  styles: `
    :host, .shown { display: flex; flex-direction: column; gap: 1rem; }
    /* The previous period's figures stay while the next load, dimmed. */
    .shown.loading { opacity: 0.6; }
    .heading { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 1rem; }
    h2 { font-size: 1.15rem; margin: 0.5rem 0; }
    .add-link { display: inline-block; margin-top: 0.5rem; min-height: 44px; line-height: 44px; }
  `,
})
export class DashboardPage {
  protected readonly auth = inject(AuthStore);
  private readonly reports = inject(ReportsApi);
  private readonly selection = periodSelection();

  protected readonly days = this.selection.days;
  protected readonly period = this.selection.period;
  protected readonly dashboard = resource({
    params: () => this.period(),
    loader: async ({ params: period }) => {
      const [statistics, pattern, trend] = await Promise.all([
        this.reports.statistics(period),
        this.reports.dailyPattern(period),
        this.reports.trend(period),
      ]);
      return { statistics, pattern, trend };
    },
  });

  protected readonly shown = latestValueOf(this.dashboard);
  protected readonly offlineAsOf = offlineCopyTime(this.period, () => this.dashboard.reload());

  constructor() {
    // An app's upload shows as it arrives: the latest reading, its arrow and the figures.
    reloadOnLiveChange(['readings', 'treatments'], () => this.dashboard.reload());
    onOutboxDelivery(() => this.dashboard.reload());
  }
  protected readonly error = computed(() => (this.dashboard.error() ? describeHttpError(this.dashboard.error()) : null));
}
