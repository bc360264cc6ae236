import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { IMPORT_FORMAT_LABELS, type ImportFormat, type ImportRecord } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { formatInZone } from '../../../core/time/zoned-time';
import { PastImportsStore } from '../data-access/past-imports.store';
import { ConfirmedAction } from '../../../shared/confirmed-action/confirmed-action';
import { count } from '../../../shared/text/count-text';

/** In a list the "(map the columns)" of the import form's label says nothing. */
const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = { ...IMPORT_FORMAT_LABELS, generic: 'Other CSV' };

/** What became of an import's readings: in the diary, or removed (and until when that can be undone). */
function readingsNow(record: ImportRecord, when: (iso: string) => string): string {
  if (record.removedAt) {
    const removed = `Readings removed on ${when(record.removedAt)}`;
    return record.restorableUntil ? `${removed}; can be restored until ${when(record.restorableUntil)}` : removed;
  }
  // Readings deleted one by one since the import are no longer counted.
  const inDiary = record.readings === record.imported ? count(record.readings, 'reading') : `${record.readings.toLocaleString('en')} of ${count(record.imported, 'reading')}`;
  return `${inDiary} in your diary`;
}

/** The imports made so far, newest first: each one's readings removed as one (asked once more), and a removal undone. */
@Component({
  selector: 'app-past-imports',
  imports: [MatButtonModule, MatProgressBarModule, ConfirmedAction],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 id="past-imports-title">Past imports</h2>
    @if (store.loading() && !store.loaded()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading your past imports" />
    }
    @if (store.loadError(); as text) {
      <p class="error" role="alert">
        Your past imports could not be loaded: {{ text }}
        <button mat-button type="button" (click)="store.reload()">Try again</button>
      </p>
    }
    @if (store.loaded()) {
      @if (rows().length === 0) {
        <p class="muted">No imports yet.</p>
      } @else {
        <ul aria-labelledby="past-imports-title">
          @for (row of rows(); track row.id) {
            <li [class.removed]="row.removed">
              <div>
                <strong class="file-name">{{ row.fileName }}</strong>
                <div class="muted">{{ row.format }} · imported {{ row.createdAt }}</div>
                <div class="readings">{{ row.readingsNow }}</div>
              </div>
              @if (!row.removed) {
                <app-confirmed-action
                  label="Remove"
                  [accessibleLabel]="'Remove ' + row.fileName"
                  [question]="row.removeQuestion"
                  confirmLabel="Remove them"
                  [disabled]="pending().has(row.id)"
                  (confirmed)="remove(row.id)"
                />
              } @else if (row.restorable) {
                <button mat-stroked-button type="button" [attr.aria-label]="'Restore ' + row.fileName" [disabled]="pending().has(row.id)" (click)="restore(row.id)">
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
  /** Imports whose removal or restore is on its way: their buttons wait, so a double click sends one request. */
  protected readonly pending = signal<ReadonlySet<string>>(new Set());
  protected readonly actionError = signal<string | null>(null);

  protected readonly rows = computed(() => {
    const timeZone = this.timeZone();
    const when = (iso: string) => formatInZone(iso, timeZone, 'd MMM yyyy, HH:mm');
    return this.store.records().map((record) => ({
      id: record.id,
      fileName: record.fileName,
      format: FORMAT_NAMES[record.format],
      createdAt: when(record.createdAt),
      readingsNow: readingsNow(record, when),
      removed: record.removedAt !== null,
      restorable: record.restorableUntil !== null,
      removeQuestion: `Remove the ${count(record.readings, 'reading')} of ${record.fileName} from your diary?`,
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
