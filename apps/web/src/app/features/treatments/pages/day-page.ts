import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, input, LOCALE_ID, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { formatDay, formatZoned } from '../../../core/i18n/zoned-date-format';
import { reloadOnLiveChange } from '../../../core/live/live-updates';
import { onOutboxDelivery } from '../../../core/outbox/outbox';
import type { Treatment } from '@glucodiary/contracts';
import { formatInZone, fromZonedInputValue } from '../../../core/time/zoned-time';
import { EditReadingDialog, type EditOutcome, type EditReadingData } from '../../readings/components/edit-reading-dialog';
import { DayChart } from '../components/day-chart';
import { DayEntryList, entryName, type DayEntry } from '../components/day-entry-list';
import { DeviceEventList } from '../components/device-event-list';
import { DayNavigation } from '../components/day-navigation';
import { AddEntryDialog, type AddEntryData } from '../components/add-entry-dialog';
import { EditTreatmentDialog, type EditTreatmentData, type EditTreatmentOutcome } from '../components/edit-treatment-dialog';
import { DayDiary } from '../data-access/day-diary';
import { isLocalDate, todayIn } from '../data-access/local-day';

/** What the status line says after a delete or an edit, and the undo it offers, if any. */
interface Status {
  text: string;
  undo: (() => Promise<DayEntry>) | null;
}

/**
 * One local day of the diary: glucose, insulin, carbs and events in a chart, and every entry
 * below it to edit or delete. The day is the route's `date` (YYYY-MM-DD); today without one.
 */
@Component({
  selector: 'app-day-page',
  imports: [MatButtonModule, MatProgressBarModule, DayNavigation, DayChart, DayEntryList, DeviceEventList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <h1 class="page-title">{{ title() }}</h1>
      <app-day-navigation [day]="day()" [today]="today()" />
    </div>
    @if (diary.entries.isLoading()) {
      <mat-progress-bar mode="indeterminate" i18n-aria-label aria-label="Loading the day" />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (status(); as shown) {
      <p class="notice" role="status">
        {{ shown.text }}
        @if (shown.undo) {
          <button #undoButton mat-button type="button" (click)="undo()" i18n>Undo</button>
        }
      </p>
    }
    @if (diary.entries.hasValue()) {
      <app-day-chart [day]="diary.entries.value().day" [readings]="diary.readings()" [treatments]="diary.treatments()" [profile]="auth.user()" />
      <section aria-labelledby="entries-heading">
        <div class="entries-heading">
          <h2 id="entries-heading" i18n>Entries</h2>
          <button mat-stroked-button type="button" (click)="add()" i18n>Add an entry…</button>
        </div>
        <app-day-entry-list [readings]="diary.readings()" [treatments]="diary.treatments()" [profile]="auth.user()" (edit)="edit($event)" (remove)="remove($event)" />
      </section>
      @if (diary.deviceEvents().length > 0) {
        <section aria-labelledby="device-events-heading">
          <h2 id="device-events-heading" i18n>From your apps</h2>
          <app-device-event-list [events]="diary.deviceEvents()" [timeZone]="auth.timeZone()" />
        </section>
      }
    }
  `,
  styles: `
    :host { display: flex; flex-direction: column; gap: 1rem; }
    .heading { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem; }
    .notice { margin: 0; }
    h2 { font-size: 1.15rem; margin: 0.5rem 0; }
    .entries-heading { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem; flex-wrap: wrap; }
    .entries-heading button { min-height: 44px; }
  `,
})
export class DayPage {
  /** The route's day; bound from `/day/:date`. */
  readonly date = input<string>();

  protected readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly locale = inject(LOCALE_ID);
  protected readonly today = computed(() => todayIn(this.auth.timeZone()));
  protected readonly day = computed(() => {
    const date = this.date();
    return isLocalDate(date) ? date : this.today();
  });
  protected readonly diary = new DayDiary(this.day);

  constructor() {
    reloadOnLiveChange(['readings', 'treatments'], () => this.diary.entries.reload());
    onOutboxDelivery(() => this.diary.entries.reload());
  }
  protected readonly title = computed(() => {
    const date = formatDay(this.day(), 'fullDate', this.locale);
    return this.day() === this.today() ? $localize`Today, ${date}:date:` : date;
  });
  /** What went wrong with a delete or an undo; a failed load says so through the resource. */
  private readonly actionError = signal<string | null>(null);
  protected readonly error = computed(() => {
    const loadError = this.diary.entries.error();
    return this.actionError() ?? (loadError ? describeHttpError(loadError) : null);
  });
  protected readonly status = signal<Status | null>(null);
  private readonly undoButton = viewChild('undoButton', { read: ElementRef<HTMLButtonElement> });
  private readonly list = viewChild(DayEntryList);

  /** Activity, ketones, a lab HbA1c, a sensor or site change… at this day's current time (now, for today). */
  protected add(): void {
    this.actionError.set(null);
    const timeZone = this.auth.timeZone();
    this.dialog
      .open<AddEntryDialog, AddEntryData, Treatment>(AddEntryDialog, { data: { takenAt: this.newEntryTime(), timeZone }, maxWidth: '40rem' })
      .afterClosed()
      .subscribe((added) => {
        if (!added) return;
        this.diary.treatmentChanged(added);
        const entry: DayEntry = { kind: 'treatment', treatment: added };
        this.status.set({ text: $localize`Added the ${entryName(entry)}:entry: of ${this.timeOf(entry)}:time:.`, undo: null });
      });
  }

  /** Now on today's page; on another day, the same clock time that day. */
  private newEntryTime(): Date {
    const now = new Date();
    if (this.day() === this.today()) return now;
    const clock = formatInZone(now.toISOString(), this.auth.timeZone(), 'HH:mm');
    return fromZonedInputValue(`${this.day()}T${clock}`, this.auth.timeZone());
  }

  protected edit(entry: DayEntry): void {
    this.actionError.set(null);
    const timeZone = this.auth.timeZone();
    if (entry.kind === 'treatment') {
      const { treatment } = entry;
      this.dialog
        .open<EditTreatmentDialog, EditTreatmentData, EditTreatmentOutcome>(EditTreatmentDialog, { data: { treatment, timeZone }, maxWidth: '40rem' })
        .afterClosed()
        .subscribe((outcome) => {
          if (outcome === 'gone') this.goneElsewhere(() => this.diary.forgetTreatment(treatment.id));
          else if (outcome) this.diary.treatmentChanged(outcome);
        });
      return;
    }
    const { reading } = entry;
    this.dialog
      .open<EditReadingDialog, EditReadingData, EditOutcome>(EditReadingDialog, { data: { reading, timeZone }, maxWidth: '40rem' })
      .afterClosed()
      .subscribe((outcome) => {
        if (outcome === 'gone') this.goneElsewhere(() => this.diary.forgetReading(reading.id));
        else if (outcome) this.diary.readingChanged(outcome);
      });
  }

  /**
   * Deleting is one tap; the status line then offers to undo it, and focus, lost with the entry's
   * button, moves to that Undo button.
   */
  protected async remove(entry: DayEntry): Promise<void> {
    this.actionError.set(null);
    const text = $localize`Deleted the ${entryName(entry)}:entry: of ${this.timeOf(entry)}:time:.`;
    try {
      if (entry.kind === 'treatment') {
        const body = await this.diary.removeTreatment(entry.treatment);
        if (body) this.offerUndo(text, async () => ({ kind: 'treatment', treatment: await this.diary.restoreTreatment(body) }));
      } else {
        const body = await this.diary.removeReading(entry.reading);
        if (body) this.offerUndo(text, async () => ({ kind: 'reading', reading: await this.diary.restoreReading(body) }));
      }
    } catch (error) {
      this.actionError.set(describeHttpError(error));
    }
  }

  /** Adds the deleted entry back and puts focus on it; on failure the offer stands, to try again. */
  protected async undo(): Promise<void> {
    const offer = this.status();
    if (!offer?.undo) return;
    this.status.set(null);
    this.actionError.set(null);
    try {
      const restored = await offer.undo();
      this.status.set({ text: $localize`Restored the ${entryName(restored)}:entry: of ${this.timeOf(restored)}:time:.`, undo: null });
      afterNextRender(() => this.list()?.focusEntry(restored), { injector: this.injector });
    } catch (error) {
      this.actionError.set(describeHttpError(error));
      this.status.set(offer);
    }
  }

  private offerUndo(text: string, undo: () => Promise<DayEntry>): void {
    this.status.set({ text, undo });
    afterNextRender(() => this.undoButton()?.nativeElement.focus(), { injector: this.injector });
  }

  private goneElsewhere(forget: () => void): void {
    forget();
    this.status.set({ text: $localize`That entry had been deleted elsewhere.`, undo: null });
  }

  private timeOf(entry: DayEntry): string {
    const takenAt = entry.kind === 'reading' ? entry.reading.takenAt : entry.treatment.takenAt;
    return formatZoned(takenAt, this.auth.timeZone(), 'time', this.locale);
  }
}
