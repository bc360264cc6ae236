import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { offlineCopyTime } from '../../../core/offline/offline-copy';
import { OfflineNotice } from '../../../core/offline/offline-notice';
import { onOutboxDelivery } from '../../../core/outbox/outbox';
import { ReportsApi } from '../../../shared/data-access/reports.api';
import { LogbookTable } from '../../../shared/glucose/logbook-table';
import { PeriodPicker } from '../../../shared/period/period-picker';
import { periodSelection } from '../../../shared/period/period-selection';
import { latestValueOf } from '../../../shared/data-access/latest-value';

@Component({
  selector: 'app-logbook-page',
  imports: [MatProgressBarModule, PeriodPicker, LogbookTable, OfflineNotice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <h1 class="page-title" i18n>Logbook</h1>
      <app-period-picker [(days)]="days" />
    </div>
    @if (logbook.isLoading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the logbook" i18n-aria-label />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    <app-offline-notice [asOf]="offlineAsOf()" />
    @if (shown(); as report) {
      <app-logbook-table [report]="report" [profile]="auth.user()" [class.loading]="logbook.isLoading()" [attr.aria-busy]="logbook.isLoading()" />
    }
  `,
  styles: `
    .heading { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem; }
    /* The previous period stays while the next loads, dimmed. */
    .loading { opacity: 0.6; }
  `,
})
export class LogbookPage {
  protected readonly auth = inject(AuthStore);
  private readonly reports = inject(ReportsApi);
  private readonly selection = periodSelection();
  protected readonly days = this.selection.days;
  protected readonly logbook = resource({
    params: () => this.selection.period(),
    loader: ({ params: period }) => this.reports.logbook(period),
  });
  protected readonly shown = latestValueOf(this.logbook);
  protected readonly offlineAsOf = offlineCopyTime(this.selection.period, () => this.logbook.reload());

  constructor() {
    onOutboxDelivery(() => this.logbook.reload());
  }
  protected readonly error = computed(() => (this.logbook.error() ? describeHttpError(this.logbook.error()) : null));
}
