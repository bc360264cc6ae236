import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, resource, type ResourceRef } from '@angular/core';
import type { CreateReadingBody, CreateTreatmentBody, Reading, Treatment } from '@glucodiary/contracts';
import { AuthStore } from '../../../core/auth/auth.store';
import { restoreBodyOf as readingRestoreBody } from '../../readings/data-access/reading-changes';
import { ReadingsApi } from '../../readings/data-access/readings.api';
import { DayEntriesApi, type DayEntries } from './day-entries.api';
import { isOnDay } from './local-day';
import { restoreBodyOf as treatmentRestoreBody } from './treatment-changes';
import { TreatmentsApi } from './treatments.api';

const oldestFirst = <T extends { takenAt: string; id: string }>(a: T, b: T) => a.takenAt.localeCompare(b.takenAt) || a.id.localeCompare(b.id);

/**
 * The Day page's state: the entries of the day it shows, loaded again when the day (or the user's
 * time zone) changes, and kept up to date as entries are edited, deleted and restored. Created in
 * an injection context, with the day to show.
 */
export class DayDiary {
  private readonly api = inject(DayEntriesApi);
  private readonly readingsApi = inject(ReadingsApi);
  private readonly treatmentsApi = inject(TreatmentsApi);
  private readonly auth = inject(AuthStore);
  /** Entries whose delete is on its way: a second click on Delete sends nothing. */
  private readonly deleting = new Set<string>();

  readonly entries: ResourceRef<DayEntries | undefined>;
  readonly readings = computed(() => (this.entries.hasValue() ? this.entries.value().readings : []));
  readonly treatments = computed(() => (this.entries.hasValue() ? this.entries.value().treatments : []));
  readonly deviceEvents = computed(() => (this.entries.hasValue() ? this.entries.value().deviceEvents : []));

  constructor(day: () => string) {
    this.entries = resource({
      params: () => ({ day: day(), timeZone: this.auth.timeZone() }),
      loader: ({ params }) => this.api.load(params.day, params.timeZone),
    });
  }

  /** A treatment as saved: in its new place, or off the list when its time moved to another day. */
  treatmentChanged(treatment: Treatment): void {
    this.changeTreatments((shown) => this.placed(shown.filter((t) => t.id !== treatment.id), treatment));
  }

  readingChanged(reading: Reading): void {
    this.changeReadings((shown) => this.placed(shown.filter((r) => r.id !== reading.id), reading));
  }

  /** Takes an entry off the list that is no longer stored (deleted in another tab). */
  forgetTreatment(id: string): void {
    this.changeTreatments((shown) => shown.filter((t) => t.id !== id));
  }

  forgetReading(id: string): void {
    this.changeReadings((shown) => shown.filter((r) => r.id !== id));
  }

  /** Deletes a treatment; what undo sends to add it back, or null when there is nothing to undo (see `deleted`). */
  async removeTreatment(treatment: Treatment): Promise<CreateTreatmentBody | null> {
    const outcome = await this.deleted(treatment.id, () => this.treatmentsApi.delete(treatment.id));
    if (outcome !== 'busy') this.forgetTreatment(treatment.id);
    return outcome === 'deleted' ? treatmentRestoreBody(treatment) : null;
  }

  async removeReading(reading: Reading): Promise<CreateReadingBody | null> {
    const outcome = await this.deleted(reading.id, () => this.readingsApi.delete(reading.id));
    if (outcome !== 'busy') this.forgetReading(reading.id);
    return outcome === 'deleted' ? readingRestoreBody(reading) : null;
  }

  /** Adds a deleted treatment back (a new id), shown again if it is of this day. */
  async restoreTreatment(body: CreateTreatmentBody): Promise<Treatment> {
    const treatment = await this.treatmentsApi.add(body);
    this.treatmentChanged(treatment);
    return treatment;
  }

  async restoreReading(body: CreateReadingBody): Promise<Reading> {
    const reading = await this.readingsApi.add(body);
    this.readingChanged(reading);
    return reading;
  }

  /**
   * Sends a delete once per entry: `busy` for a second click while the first is on its way, `gone`
   * for an entry another tab deleted (a 404); only an entry this delete removed is for undo.
   */
  private async deleted(id: string, send: () => Promise<unknown>): Promise<'deleted' | 'gone' | 'busy'> {
    if (this.deleting.has(id)) return 'busy';
    this.deleting.add(id);
    try {
      await send();
      return 'deleted';
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 404) return 'gone';
      throw error;
    } finally {
      this.deleting.delete(id);
    }
  }

  /** The list with the entry in its place by time, if the entry is of the day shown. */
  private placed<T extends { takenAt: string; id: string }>(shown: T[], entry: T): T[] {
    const day = this.entries.value()?.day;
    return day && isOnDay(entry.takenAt, day, this.auth.timeZone()) ? [...shown, entry].sort(oldestFirst) : shown;
  }

  private changeTreatments(change: (shown: Treatment[]) => Treatment[]): void {
    this.entries.update((entries) => entries && { ...entries, treatments: change(entries.treatments) });
  }

  private changeReadings(change: (shown: Reading[]) => Reading[]): void {
    this.entries.update((entries) => entries && { ...entries, readings: change(entries.readings) });
  }
}
