import { afterNextRender, ChangeDetectionStrategy, Component, computed, DOCUMENT, inject, Injector, OnInit, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar, type MatSnackBarRef, type TextOnlySnackBar } from '@angular/material/snack-bar';
import type { Reading } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { logActionRequests } from '../../../core/navigation/log-action';
import { onOutboxDelivery } from '../../../core/outbox/outbox';
import { OutboxPanel } from '../../../core/outbox/outbox-panel';
import { QuickLogForm, type QuickLogSaved } from '../../treatments/components/quick-log-form';
import { EditReadingDialog, type EditOutcome, type EditReadingData } from '../components/edit-reading-dialog';
import { ReadingFilterForm } from '../components/reading-filter';
import { ReadingList } from '../components/reading-list';
import { NO_FILTER, type ReadingFilter } from '../data-access/readings.api';
import { ReadingsStore } from '../data-access/readings.store';

@Component({
  selector: 'app-readings-page',
  imports: [QuickLogForm, OutboxPanel, ReadingList, ReadingFilterForm, MatCardModule, MatButtonModule, MatProgressBarModule],
  providers: [ReadingsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'undoOnShortcut($event)' },
  template: `
    <h1 class="page-title" i18n>Your readings</h1>
    <!-- The app's one place to log: glucose, insulin, carbs and a note of one moment together. -->
    <mat-card>
      <mat-card-content>
        <app-quick-log-form [unit]="unit()" [timeZone]="timeZone()" [insulinNames]="insulinNames()" (saved)="logged($event)" />
      </mat-card-content>
    </mat-card>
    <app-outbox-panel />
    <app-reading-filter [timeZone]="timeZone()" (changed)="filter($event)" />
    @if (store.loading()) {
      <mat-progress-bar mode="indeterminate" i18n-aria-label aria-label="Loading readings" />
    }
    @if (store.error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    <app-reading-list [readings]="store.readings()" [profile]="auth.user()" (edit)="edit($event)" (remove)="remove($event)" />
    @if (store.hasMore()) {
      <button mat-stroked-button type="button" (click)="store.loadMore()" [disabled]="store.loading()" i18n>Show older readings</button>
    }
  `,
  styles: `
    :host { display: flex; flex-direction: column; gap: 1rem; }
  `,
})
export class ReadingsPage implements OnInit {
  protected readonly store = inject(ReadingsStore);
  protected readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly unit = this.auth.unit;
  protected readonly timeZone = this.auth.timeZone;
  protected readonly insulinNames = computed(() => this.auth.user()?.insulinNames ?? []);
  private readonly form = viewChild.required(QuickLogForm);
  private readonly list = viewChild.required(ReadingList);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  /** The snack bar offering to undo the latest delete, while it shows. */
  private undoOffer: MatSnackBarRef<TextOnlySnackBar> | null = null;

  constructor() {
    // The floating "Log" action links here with #log, also from this page: the entry begins at the glucose value.
    logActionRequests().subscribe(() => afterNextRender(() => this.form().focus(), { injector: this.injector }));
    // A reading logged offline joins the list once it is stored.
    onOutboxDelivery((deliveries) => {
      for (const delivery of deliveries) if (delivery.kind === 'reading') this.store.added(delivery.stored);
    });
  }

  ngOnInit(): void {
    void this.store.applyFilter(NO_FILTER);
  }

  /** A reading logged with the quick log joins the list; its treatments are shown on the Day page. */
  protected logged({ reading }: QuickLogSaved): void {
    if (reading) this.store.added(reading);
  }

  protected filter(filter: ReadingFilter): void {
    void this.store.applyFilter(filter);
  }

  protected edit(reading: Reading): void {
    this.dialog
      .open<EditReadingDialog, EditReadingData, EditOutcome>(EditReadingDialog, { data: { reading, timeZone: this.timeZone() }, maxWidth: '40rem' })
      .afterClosed()
      .subscribe((outcome) => {
        if (outcome === 'gone') {
          this.store.forget(reading.id);
          this.snackBar.open($localize`That reading had been deleted elsewhere.`, undefined, { duration: 5000 });
        } else if (outcome) {
          this.store.replaced(outcome);
        }
      });
  }

  /**
   * Deleting is one tap; the snack bar offers to undo it for a few seconds, and so does Ctrl+Z
   * (⌘Z), since a keyboard user cannot easily reach a snack bar. Focus, lost with the row's
   * button, moves to the row that took its place (or the form, once the list is empty).
   */
  protected async remove(reading: Reading): Promise<void> {
    const index = this.store.readings().indexOf(reading);
    try {
      const restore = await this.store.remove(reading);
      this.refocusRow(index);
      if (!restore) return;
      const shortcut = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘Z' : 'Ctrl+Z';
      const offer = this.snackBar.open($localize`Reading deleted. ${shortcut}:shortcut: undoes it.`, $localize`Undo`, { duration: 8000 });
      this.undoOffer = offer;
      offer.afterDismissed().subscribe(() => {
        if (this.undoOffer === offer) this.undoOffer = null;
      });
      offer.onAction().subscribe(() => {
        this.store.add(restore).catch((error: unknown) => this.store.error.set(describeHttpError(error)));
      });
    } catch (error) {
      this.store.error.set(describeHttpError(error));
    }
  }

  /** Ctrl+Z or ⌘Z outside a text field takes the undo the snack bar offers. */
  protected undoOnShortcut(event: KeyboardEvent): void {
    // `key` is the layout's letter (Y sits where QWERTY has Z on a German keyboard); only without a
    // Latin letter (another script, or autofill's key-less events) does the key's place decide.
    const key = event.key ?? '';
    const isZ = /^[a-z]$/i.test(key) ? key.toLowerCase() === 'z' : event.code === 'KeyZ';
    if (!this.undoOffer || !isZ || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target?.isContentEditable || target?.closest('input, textarea, select')) return; // there it undoes typing
    if (this.dialog.openDialogs.length > 0) return; // the edit dialog is about another reading
    event.preventDefault();
    this.undoOffer.dismissWithAction();
  }

  /** Once the list has re-rendered: only if focus was lost with the deleted row, not if the user moved on. */
  private refocusRow(index: number): void {
    afterNextRender(
      () => {
        const active = this.document.activeElement;
        if (active && active !== this.document.body) return;
        if (!this.list().focusRow(Math.max(index, 0))) this.form().focus();
      },
      { injector: this.injector },
    );
  }
}
