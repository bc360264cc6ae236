import { formatNumber } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ImportProgress } from '@glucodiary/contracts';
import { count } from '../../../shared/text/count-text';
import { READINGS, ROWS } from '../../../shared/text/nouns';

/** "Storing 12,000 of 40,000 readings": what a running commit is doing, as far as the server has said. */
export function describeCommitProgress(progress: ImportProgress | null, locale: string): string {
  if (!progress) return $localize`Importing…`;
  const { stage, done, total } = progress;
  // The server reads the file again only when the choices differ from the last preview's.
  if (stage === 'reading') {
    return total === null
      ? $localize`Reading the file again: ${count(done, ROWS, locale)}:rows:…`
      : $localize`Reading the file again: ${formatNumber(done, locale, '1.0-0')}:done: of ${count(total, ROWS, locale)}:rows:`;
  }
  return total === null
    ? $localize`Storing ${count(done, READINGS, locale)}:readings:…`
    : $localize`Storing ${formatNumber(done, locale, '1.0-0')}:done: of ${count(total, READINGS, locale)}:readings:`;
}

/**
 * The progress of a running commit, with its Cancel button. It sticks to the bottom of the
 * window, so it stays in sight while the person scrolls the preview of a long file.
 */
@Component({
  selector: 'app-import-commit-progress',
  imports: [MatButtonModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let share = percent();
    @if (share === null) {
      <mat-progress-bar mode="indeterminate" i18n-aria-label aria-label="Import progress" />
    } @else {
      <mat-progress-bar mode="determinate" [value]="share" i18n-aria-label aria-label="Import progress" />
    }
    <div class="line">
      <p class="progress-text">{{ text() }}</p>
      <button mat-stroked-button type="button" [disabled]="cancelling()" (click)="cancelImport.emit()" i18n>Cancel import</button>
    </div>
  `,
  styles: `
    :host {
      display: block; position: sticky; bottom: 0; z-index: 1; padding: 0.75rem 0;
      background: var(--mat-sys-surface, #fff); box-shadow: 0 -6px 8px -6px rgb(0 0 0 / 25%);
    }
    .line { display: flex; align-items: center; justify-content: space-between; gap: 1rem; flex-wrap: wrap; }
    .progress-text { margin: 0.5rem 0 0; font-variant-numeric: tabular-nums; }
  `,
})
export class ImportCommitProgress {
  /** The server's latest report; null until it gives one. */
  readonly progress = input.required<ImportProgress | null>();
  readonly cancelling = input(false);
  readonly cancelImport = output();

  private readonly locale = inject(LOCALE_ID);
  protected readonly text = computed(() => (this.cancelling() ? $localize`Cancelling the import…` : describeCommitProgress(this.progress(), this.locale)));
  /** Null while there is no total to measure against. */
  protected readonly percent = computed(() => {
    const progress = this.progress();
    if (!progress?.total) return null;
    return Math.min(100, (progress.done / progress.total) * 100);
  });
}
