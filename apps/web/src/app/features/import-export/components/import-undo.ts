import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, LOCALE_ID, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { ImportRecord } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { formatZoned } from '../../../core/i18n/zoned-date-format';
import { PastImportsStore } from '../data-access/past-imports.store';
import { ConfirmedAction } from '../../../shared/confirmed-action/confirmed-action';
import { count, pluralForm } from '../../../shared/text/count-text';
import { READINGS } from '../../../shared/text/nouns';

/** After a commit: "Undo this import" removes the readings it added (asked once more); "Restore" puts them back. */
@Component({
  selector: 'app-import-undo',
  imports: [MatButtonModule, ConfirmedAction],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (removal(); as removed) {
      <p role="status">{{ removedMessage() }}</p>
      @if (removed.restorableUntil) {
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="restore()" i18n>Restore</button>
      }
    } @else {
      @if (restoredMessage(); as message) {
        <p role="status">{{ message }}</p>
      }
      <app-confirmed-action
        i18n-label
        label="Undo this import"
        [question]="removeQuestion()"
        i18n-confirmLabel
        confirmLabel="Remove them"
        [disabled]="busy()"
        (confirmed)="remove()"
      />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    :host { display: block; margin: 0.5rem 0 1rem; }
  `,
})
export class ImportUndo {
  readonly importId = input.required<string>();
  /** How many readings the import added. */
  readonly imported = input.required<number>();

  private readonly pastImports = inject(PastImportsStore);
  private readonly timeZone = inject(AuthStore).timeZone;
  private readonly locale = inject(LOCALE_ID);
  /** The import as its removal left it; null while its readings are in the diary. A new import starts afresh. */
  protected readonly removal = linkedSignal<string, ImportRecord | null>({ source: this.importId, computation: () => null });
  /** The import once its removal was undone. */
  private readonly restored = linkedSignal<string, ImportRecord | null>({ source: this.importId, computation: () => null });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly readings = computed(() => count(this.imported(), READINGS, this.locale));
  protected readonly removeQuestion = computed(() => $localize`Remove the ${this.readings()}:readings: this import added?`);
  /** Counts the readings written back: one that came back into the diary another way meanwhile is not written twice. */
  protected readonly restoredMessage = computed(() => {
    const back = this.restored()?.readings;
    if (back === undefined) return null;
    const readings = count(back, READINGS, this.locale);
    return pluralForm(back, {
      one: $localize`Restored: ${readings}:readings: of this import is back in your diary.`,
      other: $localize`Restored: ${readings}:readings: of this import are back in your diary.`,
    });
  });
  protected readonly removedMessage = computed(() => {
    const removed = $localize`Removed the ${this.readings()}:readings: this import added.`;
    const until = this.removal()?.restorableUntil;
    if (!until) return removed;
    return `${removed} ${$localize`You can restore them until ${formatZoned(until, this.timeZone(), 'dateTime', this.locale)}:restorableUntil:.`}`;
  });

  protected async remove(): Promise<void> {
    await this.attempt(async () => {
      this.removal.set(await this.pastImports.remove(this.importId()));
      this.restored.set(null);
    });
  }

  protected async restore(): Promise<void> {
    await this.attempt(async () => {
      this.restored.set(await this.pastImports.restore(this.importId()));
      this.removal.set(null);
    });
  }

  private async attempt(work: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(describeHttpError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
