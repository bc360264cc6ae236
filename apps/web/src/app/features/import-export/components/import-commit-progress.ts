import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ImportProgress } from '@glucodiary/contracts';
import { count } from '../../../shared/text/count-text';

/** "Storing 12,000 of 40,000 readings": what a running commit is doing, as far as the server has said. */
export function describeCommitProgress(progress: ImportProgress | null): string {
  if (!progress) return 'Importing…';
  const { stage, done, total } = progress;
  // The server reads the file again only when the choices differ from the last preview's.
  const [action, noun] = stage === 'reading' ? ['Reading the file again:', 'row'] : ['Storing', 'reading'];
  return total === null ? `${action} ${count(done, noun)}…` : `${action} ${done.toLocaleString('en')} of ${count(total, noun)}`;
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
      <mat-progress-bar mode="indeterminate" aria-label="Import progress" />
    } @else {
      <mat-progress-bar mode="determinate" [value]="share" aria-label="Import progress" />
    }
    <div class="line">
      <p class="progress-text">{{ cancelling() ? 'Cancelling the import…' : text() }}</p>
      <button mat-stroked-button type="button" [disabled]="cancelling()" (click)="cancelImport.emit()">Cancel import</button>
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

  protected readonly text = computed(() => describeCommitProgress(this.progress()));
  /** Null while there is no total to measure against. */
  protected readonly percent = computed(() => {
    const progress = this.progress();
    if (!progress?.total) return null;
    return Math.min(100, (progress.done / progress.total) * 100);
  });
}
