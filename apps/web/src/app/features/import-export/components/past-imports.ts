import { formatNumber } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { IMPORT_FORMAT_LABELS, type ImportFormat, type ImportRecord } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { formatZoned } from '../../../core/i18n/zoned-date-format';
import { PastImportsStore } from '../data-access/past-imports.store';
import { ConfirmedAction } from '../../../shared/confirmed-action/confirmed-action';
import { count } from '../../../shared/text/count-text';
import { READINGS } from '../../../shared/text/nouns';

/** In a list the "(map the columns)" of the import form's label says nothing. */
const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = { ...IMPORT_FORMAT_LABELS, glucodiary: $localize`GlucoDiary export`, generic: $localize`Other CSV` };

/** What became of an import's readings: in the diary, or removed (and until when that can be undone). */
function readingsNow(record: ImportRecord, when: (iso: string) => string, locale: string): string {
  if (record.removedAt) {
    const removed = when(record.removedAt);
    return record.restorableUntil
      ? $localize`Readings removed on ${removed}:removedAt:; can be restored until ${when(record.restorableUntil)}:restorableUntil:`
      : $localize`Readings removed on ${removed}:removedAt:`;
  }
  // Readings deleted one by one since the import are no longer counted.
  const imported = count(record.imported, READINGS, locale);
  return record.readings === record.imported
    ? $localize`${imported}:readings: in your diary`
    : $localize`${formatNumber(record.readings, locale, '1.0-0')}:left: of ${imported}:readings: in your diary`;
}

/** The imports made so far, newest first: each one's readings removed as one (asked once more), and a removal undone. */
@Component({
  selector: 'app-past-imports',
  imports: [MatButtonModule, MatProgressBarModule, ConfirmedAction],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 id="past-imports-title" i18n>Past imports</h2>
    @if (store.loading() && !store.loaded()) {
      <mat-progress-bar mode="indeterminate" i18n-aria-label aria-label="Loading your past imports" />
    }
    @if (store.loadError(); as text) {
      <p class="error" role="alert">
        <ng-container i18n>Your past imports could not be loaded: {{ text }}</ng-container>
        <button mat-button type="button" (click)="store.reload()" i18n>Try again</button>
      </p>
    }
    @if (store.loaded()) {
      @if (rows().length === 0) {
        <p class="muted" i18n>No imports yet.</p>
      } @else {
        <ul aria-labelledby="past-imports-title">
          @for (row of rows(); track row.id) {
            <li [class.removed]="row.removed">
              <div>
                <strong class="file-name">{{ row.fileName }}</strong>
                <div class="muted" i18n>{{ row.format }} · imported {{ row.createdAt }}</div>
                <div class="readings">{{ row.readingsNow }}</div>
              </div>
              @if (!row.removed) {
                <app-confirmed-action
                  i18n-label
                  label="Remove"
                  [accessibleLabel]="row.removeLabel"
                  [question]="row.removeQuestion"
                  i18n-confirmLabel
                  confirmLabel="Remove them"
                  [disabled]="pending().has(row.id)"
                  (confirmed)="remove(row.id)"
                />
              } @else if (row.restorable) {
                <button mat-stroked-button type="button" [attr.aria-label]="row.restoreLabel" [disabled]="pending().has(row.id)" (click)="restore(row.id)" i18n>
                  Restore
                </button>
              }
            </li>
          }
        </ul>
      }
    }
    @if (actionError(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    h2 { margin-top: 0; font-size: 1.25rem; }
    ul { list-style: none; padding: 0; margin: 0; }
    li { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; padding: 0.75rem 0; border-bottom: 1px solid #ddd; }
    .file-name { overflow-wrap: anywhere; }
    .removed .file-name { text-decoration: line-through; }
  `,
})
export class PastImports {
  protected readonly store = inject(PastImportsStore);
  private readonly timeZone = inject(AuthStore).timeZone;
  private readonly locale = inject(LOCALE_ID);
  /** Imports whose removal or restore is on its way: their buttons wait, so a double click sends one request. */
  protected readonly pending = signal<ReadonlySet<string>>(new Set());
  protected readonly actionError = signal<string | null>(null);

  protected readonly rows = computed(() => {
    const timeZone = this.timeZone();
    const when = (iso: string) => formatZoned(iso, timeZone, 'dateTime', this.locale);
    return this.store.records().map((record) => ({
      id: record.id,
      fileName: record.fileName,
      format: FORMAT_NAMES[record.format],
      createdAt: when(record.createdAt),
      readingsNow: readingsNow(record, when, this.locale),
      removed: record.removedAt !== null,
      restorable: record.restorableUntil !== null,
      removeLabel: $localize`Remove ${record.fileName}:fileName:`,
      restoreLabel: $localize`Restore ${record.fileName}:fileName:`,
      removeQuestion: $localize`Remove the ${count(record.readings, READINGS, this.locale)}:readings: of ${record.fileName}:fileName: from your diary?`,
    }));
  });

  protected async remove(id: string): Promise<void> {
    await this.attempt(id, () => this.store.remove(id));
  }

  protected async restore(id: string): Promise<void> {
    await this.attempt(id, () => this.store.restore(id));
  }

  private async attempt(id: string, work: () => Promise<unknown>): Promise<void> {
    if (this.pending().has(id)) return;
    this.pending.update((ids) => new Set(ids).add(id));
    this.actionError.set(null);
    try {
      await work();
    } catch (error) {
      this.actionError.set(describeHttpError(error));
    } finally {
      this.pending.update((ids) => new Set([...ids].filter((other) => other !== id)));
    }
  }
}
