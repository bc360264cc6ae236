import { inject, Injectable } from '@angular/core';
import {
  GLUCOSE_LIMITS,
  INSULIN_NAME_MAX_LENGTH,
  NOTE_MAX_LENGTH,
  TREATMENT_LIMITS,
  type CreateReadingBody,
  type CreateTreatmentBody,
  type GlucoseUnit,
  type InsulinKind,
  type InsulinPurpose,
  type MealContext,
  type Reading,
  type Treatment,
} from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { fieldRefusals } from '../../../core/api/field-refusal';
import { fromZonedInputValue } from '../../../core/time/zoned-time';
import { Outbox } from '../../../core/outbox/outbox';
import { glucoseUnitLabel } from '../../../shared/glucose/glucose-unit';
import type { OutboxEntry } from '../../../core/outbox/outbox-entry';

/** What the quick-log form holds: one time, and what was measured, injected and eaten then. */
export interface QuickLogValues {
  /** A datetime-local value in the user's time zone. */
  takenAt: string;
  glucose: { value: number | null; context: MealContext };
  insulin: { units: number | null; kind: InsulinKind; purpose: InsulinPurpose | null; name: string };
  carbs: { grams: number | null };
  note: string;
}

/** A control of the form, by its path. */
export type QuickLogControl =
  | 'takenAt'
  | 'glucose.value'
  | 'glucose.context'
  | 'insulin.units'
  | 'insulin.kind'
  | 'insulin.purpose'
  | 'insulin.name'
  | 'carbs.grams'
  | 'note';

/** One request of an entry: a reading, or a treatment (a note alone is a note treatment). */
export type QuickLogPart =
  | { kind: 'glucose'; body: CreateReadingBody; controls: QuickLogControl[] }
  | { kind: 'insulin' | 'carbs' | 'note'; body: CreateTreatmentBody; controls: QuickLogControl[] };

export type QuickLogPartKind = QuickLogPart['kind'];

/** What the form makes of its values: the requests to send (none when nothing was filled), or what to fix first. */
export interface QuickLogEntry {
  parts: QuickLogPart[];
  problems: Partial<Record<QuickLogControl, string>>;
}

const { units: UNITS, grams: GRAMS } = TREATMENT_LIMITS;
/** 2.35 units is 47 steps of 0.05, which floating point makes 46.99999…; the API allows for that too. */
const onStep = (value: number, step: number) => Math.abs(value / step - Math.round(value / step)) < 1e-6;

/**
 * The requests an entry makes, one per part that was filled. The note travels with the first part
 * there is (the reading, else the insulin, else the carbs), so it is stored once; alone, it is a
 * note of its own.
 */
export function quickLogEntry(values: QuickLogValues, unit: GlucoseUnit, timeZone: string): QuickLogEntry {
  const problems: QuickLogEntry['problems'] = {};
  const note = values.note.trim();
  const name = values.insulin.name.trim();
  const glucose = values.glucose.value;
  const { units } = values.insulin;
  const { grams } = values.carbs;

  if (!values.takenAt) problems.takenAt = $localize`Enter when this was.`;
  const limits = GLUCOSE_LIMITS[unit];
  if (glucose !== null && (glucose < limits.min || glucose > limits.max)) {
    problems['glucose.value'] = $localize`Enter a glucose value between ${limits.min}:min: and ${limits.max}:max: ${glucoseUnitLabel(unit)}:unit:.`;
  }
  if (units === null && name) problems['insulin.units'] = $localize`Enter the units of this dose.`;
  if (units !== null && (units < UNITS.min || units > UNITS.max || !onStep(units, UNITS.step))) {
    problems['insulin.units'] = $localize`Enter between ${UNITS.min}:min: and ${UNITS.max}:max: units, in steps of ${UNITS.step}:step:.`;
  }
  if (name.length > INSULIN_NAME_MAX_LENGTH) problems['insulin.name'] = $localize`Use at most ${INSULIN_NAME_MAX_LENGTH}:max: characters.`;
  if (grams !== null && (grams < GRAMS.min || grams > GRAMS.max)) problems['carbs.grams'] = $localize`Enter between ${GRAMS.min}:min: and ${GRAMS.max}:max: grams.`;
  if (note.length > NOTE_MAX_LENGTH) problems.note = $localize`Use at most ${NOTE_MAX_LENGTH}:max: characters.`;
  if (Object.keys(problems).length > 0) return { parts: [], problems };

  const takenAt = fromZonedInputValue(values.takenAt, timeZone).toISOString();
  const parts: QuickLogPart[] = [];
  let noteTaken = false;
  /** The note for the first part that asks, with the control it empties once saved. */
  const withNote = (controls: QuickLogControl[]) => {
    if (!note || noteTaken) return { note: {}, controls };
    noteTaken = true;
    return { note: { note }, controls: [...controls, 'note' as const] };
  };
  if (glucose !== null) {
    const { note: carried, controls } = withNote(['glucose.value']);
    parts.push({ kind: 'glucose', body: { takenAt, value: glucose, unit, context: values.glucose.context, ...carried }, controls });
  }
  if (units !== null) {
    const { kind } = values.insulin;
    // Rapid insulin logged with the carbohydrates of the same moment covers that meal (as a bolus
    // calculator would log it); the statistics' carb ratio counts only insulin known to be for a meal.
    const purpose = values.insulin.purpose ?? (grams !== null && grams > 0 && kind === 'rapid' ? 'meal' : null);
    const { note: carried, controls } = withNote(['insulin.units', 'insulin.name']);
    const body: CreateTreatmentBody = { takenAt, type: 'insulin', units, insulinKind: kind, ...(purpose && { purpose }), ...(name && { insulinName: name }), ...carried };
    parts.push({ kind: 'insulin', body, controls });
  }
  if (grams !== null) {
    const { note: carried, controls } = withNote(['carbs.grams']);
    parts.push({ kind: 'carbs', body: { takenAt, type: 'carbs', grams, ...carried }, controls });
  }
  if (note && !noteTaken) parts.push({ kind: 'note', body: { takenAt, type: 'note', note }, controls: ['note'] });
  return { parts, problems };
}

/** Where the API's field names of each part are shown in the form. */
const CONTROL_OF_FIELD: Readonly<Record<QuickLogPartKind, Readonly<Record<string, QuickLogControl>>>> = {
  glucose: { takenAt: 'takenAt', value: 'glucose.value', unit: 'glucose.value', context: 'glucose.context', note: 'note' },
  insulin: { takenAt: 'takenAt', units: 'insulin.units', insulinKind: 'insulin.kind', purpose: 'insulin.purpose', insulinName: 'insulin.name', note: 'note' },
  carbs: { takenAt: 'takenAt', grams: 'carbs.grams', note: 'note' },
  note: { takenAt: 'takenAt', note: 'note' },
};

/** How a message beside a control begins: "The dose must be between …". */
const CONTROL_SUBJECT: Readonly<Record<QuickLogControl, string>> = {
  takenAt: 'The time',
  'glucose.value': 'The glucose value',
  'glucose.context': 'The meal context',
  'insulin.units': 'The dose',
  'insulin.kind': 'The kind of insulin',
  'insulin.purpose': 'The purpose',
  'insulin.name': 'The insulin name',
  'carbs.grams': 'The carbs',
  note: 'The note',
};

/** Why a part was not saved: messages for the controls the API named, and one for the rest. */
export interface PartRefusal {
  byControl: Partial<Record<QuickLogControl, string>>;
  /** What cannot be shown beside a control (the server is down, a field the form does not have). */
  general: string | null;
}

export function partRefusal(kind: QuickLogPartKind, error: unknown): PartRefusal {
  const details = fieldRefusals(error);
  if (details.length === 0) return { byControl: {}, general: describeHttpError(error) };
  const byControl: PartRefusal['byControl'] = {};
  const unplaced: string[] = [];
  for (const { field, message } of details) {
    const control = CONTROL_OF_FIELD[kind][field];
    if (control) byControl[control] = `${CONTROL_SUBJECT[control]} ${message}.`;
    else unplaced.push(`${field} ${message}`);
  }
  return { byControl, general: unplaced.length ? unplaced.join('. ') : null };
}

/** One part's answer: what was stored, kept on this device to send later (offline), or why not. */
export type PartOutcome =
  | { part: QuickLogPart; saved: Reading | Treatment; queued?: undefined; error?: undefined }
  | { part: QuickLogPart; saved?: undefined; queued: OutboxEntry; error?: undefined }
  | { part: QuickLogPart; saved?: undefined; queued?: undefined; error: unknown };

/**
 * Sends each part of an entry as its own request, all at once; one refused part does not hold up
 * the others. Through the outbox: a part the API cannot take now (offline) waits on this device.
 */
@Injectable({ providedIn: 'root' })
export class QuickLogApi {
  private readonly outbox = inject(Outbox);

  async save(parts: QuickLogPart[]): Promise<PartOutcome[]> {
    const answers = await Promise.allSettled(
      parts.map((part) => this.outbox.submit(part.kind === 'glucose' ? { kind: 'reading', body: part.body } : { kind: 'treatment', body: part.body })),
    );
    return answers.map((answer, index): PartOutcome => {
      const part = parts[index] as QuickLogPart;
      if (answer.status === 'rejected') return { part, error: answer.reason as unknown };
      return answer.value.stored ? { part, saved: answer.value.stored } : { part, queued: answer.value.queued };
    });
  }
}
