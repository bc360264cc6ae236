import {
  INSULIN_NAME_MAX_LENGTH,
  NOTE_MAX_LENGTH,
  TREATMENT_FIELDS,
  TREATMENT_LIMITS,
  type CreateTreatmentBody,
  type Treatment,
  type TreatmentField,
  type TreatmentType,
  type UpdateTreatmentBody,
} from '@glucodiary/contracts';
import { toZonedInputValue } from '../../../core/time/zoned-time';

/** The fields a treatment of this type has, required first, in the order a form shows them. */
export function fieldsOfType(type: Treatment['type']): TreatmentField[] {
  const { required, optional } = TREATMENT_FIELDS[type];
  return [...required, ...optional];
}

/** A field as edited: empty text is no value. */
export type EditedTreatment = { takenAt: string } & { [F in TreatmentField]?: Treatment[F] };

/**
 * What an edit of `treatment` changes: only the fields that differ, a cleared one as null (which
 * the API reads as "clear it"). The time goes only when the local minute shown was changed, so an
 * untouched 07:05:30 is not rounded to 07:05 (see `readingChanges`).
 */
export function treatmentChanges(treatment: Treatment, edited: EditedTreatment, timeZone: string): UpdateTreatmentBody {
  const changes: Record<string, unknown> = {};
  for (const field of fieldsOfType(treatment.type)) {
    const value = edited[field] ?? null;
    if (value !== treatment[field]) changes[field] = value;
  }
  const shown = (instant: string) => toZonedInputValue(new Date(instant), timeZone);
  if (shown(edited.takenAt) !== shown(treatment.takenAt)) changes['takenAt'] = edited.takenAt;
  return changes as UpdateTreatmentBody;
}

/** What adding a deleted treatment back sends, for undo: its time, type, source and every field it had. */
export function restoreBodyOf(treatment: Treatment): CreateTreatmentBody {
  return { ...newTreatmentBody(treatment.type, treatment), source: treatment.source };
}

/** A field of the edit form: the treatment's own fields and its time. */
export type EditedField = TreatmentField | 'takenAt';

/** How a message beside a field begins: "The dose must be between …". */
export const FIELD_SUBJECTS: Readonly<Record<EditedField, string>> = {
  takenAt: 'The time',
  units: 'The dose',
  insulinKind: 'The kind of insulin',
  purpose: 'The purpose',
  insulinName: 'The insulin name',
  grams: 'The carbs',
  minutes: 'The duration',
  intensity: 'The intensity',
  value: 'The value',
  unit: 'The unit',
  note: 'The note',
};

const { units: UNITS, grams: GRAMS, minutes: MINUTES } = TREATMENT_LIMITS;
/** 2.35 units is 47 steps of 0.05, which floating point makes 46.99999…; the API allows for that too. */
const onStep = (value: number, step: number) => Math.abs(value / step - Math.round(value / step)) < 1e-6;
const outside = (value: unknown, { min, max }: { min: number; max: number }) => typeof value === 'number' && (value < min || value > max);

/**
 * What the browser can tell is wrong with an edit before sending it: a missing time or required
 * field, an amount out of range, text too long. The API checks the rest and names the field.
 */
export function editProblems(type: Treatment['type'], edited: EditedTreatment): Partial<Record<EditedField, string>> {
  const problems: Partial<Record<EditedField, string>> = {};
  if (!edited.takenAt) problems.takenAt = $localize`Enter when this was.`;
  for (const field of TREATMENT_FIELDS[type].required) {
    if (edited[field] === null || edited[field] === undefined) problems[field] = `${FIELD_SUBJECTS[field]} is needed.`;
  }
  if (outside(edited.units, UNITS) || (typeof edited.units === 'number' && !onStep(edited.units, UNITS.step))) {
    problems.units = $localize`Enter between ${UNITS.min}:min: and ${UNITS.max}:max: units, in steps of ${UNITS.step}:step:.`;
  }
  if (outside(edited.grams, GRAMS)) problems.grams = $localize`Enter between ${GRAMS.min}:min: and ${GRAMS.max}:max: grams.`;
  if (outside(edited.minutes, MINUTES) || (typeof edited.minutes === 'number' && !Number.isInteger(edited.minutes))) {
    problems.minutes = $localize`Enter whole minutes between ${MINUTES.min}:min: and ${MINUTES.max}:max:.`;
  }
  if ((edited.insulinName?.length ?? 0) > INSULIN_NAME_MAX_LENGTH) problems.insulinName = $localize`Use at most ${INSULIN_NAME_MAX_LENGTH}:max: characters.`;
  if ((edited.note?.length ?? 0) > NOTE_MAX_LENGTH) problems.note = $localize`Use at most ${NOTE_MAX_LENGTH}:max: characters.`;
  return problems;
}

/** A new entry of this type before anything is typed: its time, and the unit its value is measured in. */
export function draftTreatment(type: TreatmentType, takenAt: Date): Treatment {
  const at = takenAt.toISOString();
  return {
    id: '',
    takenAt: at,
    type,
    units: null,
    insulinKind: type === 'insulin' ? 'rapid' : null,
    purpose: null,
    insulinName: null,
    grams: null,
    minutes: null,
    intensity: type === 'activity' ? 'moderate' : null,
    value: null,
    unit: type === 'ketones' ? 'mmol/L' : type === 'hba1c' ? '%' : null,
    note: null,
    source: 'typed',
    deviceName: null,
    importId: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** What adding a new entry sends: its time, type and the fields that were filled in. */
export function newTreatmentBody(type: TreatmentType, edited: EditedTreatment): CreateTreatmentBody {
  const body: Record<string, unknown> = { takenAt: edited.takenAt, type };
  for (const field of fieldsOfType(type)) {
    if (edited[field] !== null && edited[field] !== undefined) body[field] = edited[field];
  }
  return body as CreateTreatmentBody;
}
