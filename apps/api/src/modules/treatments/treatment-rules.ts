import {
  INSULIN_NAME_MAX_LENGTH,
  TREATMENT_FIELDS,
  TREATMENT_LIMITS,
  type TreatmentField,
  type TreatmentType,
  type UpdateTreatmentBody,
} from '@glucodiary/contracts';
import type { FieldProblem } from '../../core/taken-at';

/** A treatment's fields besides its time and type: absent and null alike mean none. */
export type TreatmentFields = Omit<UpdateTreatmentBody, 'takenAt'>;

const { units, grams, minutes, ketones, hba1cPercent, hba1cMmolPerMol } = TREATMENT_LIMITS;
const between = (value: number, { min, max }: { min: number; max: number }) => value >= min && value <= max;
/** A dose of 2.35 units is 47 steps of 0.05; floating point makes it 46.99999…, so allow for that. */
const onStep = (value: number, step: number) => Math.abs(value / step - Math.round(value / step)) < 1e-6;

/**
 * What a schema cannot say about a treatment: which fields its type requires and allows, and the
 * ranges its amounts must lie in. Every problem names its field, as the API's 400s do.
 */
export function treatmentProblems(type: TreatmentType, fields: TreatmentFields): FieldProblem[] {
  const { required, optional } = TREATMENT_FIELDS[type];
  const problems: FieldProblem[] = [];
  for (const field of required) {
    if (fields[field] === undefined || fields[field] === null || fields[field] === '') problems.push({ field, message: `is required for ${type}` });
  }
  for (const [field, value] of Object.entries(fields) as [TreatmentField, unknown][]) {
    if (value !== undefined && value !== null && !required.includes(field) && !optional.includes(field)) {
      problems.push({ field, message: `is not a field of ${type}` });
    }
  }
  const number = (field: TreatmentField) => (typeof fields[field] === 'number' ? (fields[field] as number) : null);

  const dose = number('units');
  if (dose !== null && (!between(dose, units) || !onStep(dose, units.step))) {
    problems.push({ field: 'units', message: `must be between ${units.min} and ${units.max} in steps of ${units.step}` });
  }
  const carbs = number('grams');
  if (carbs !== null && !between(carbs, grams)) problems.push({ field: 'grams', message: `must be between ${grams.min} and ${grams.max}` });
  const duration = number('minutes');
  if (duration !== null && !between(duration, minutes)) problems.push({ field: 'minutes', message: `must be between ${minutes.min} and ${minutes.max}` });
  if (typeof fields.insulinName === 'string' && fields.insulinName.length > INSULIN_NAME_MAX_LENGTH) {
    problems.push({ field: 'insulinName', message: `must be at most ${INSULIN_NAME_MAX_LENGTH} characters` });
  }

  const value = number('value');
  if (type === 'ketones') {
    if (fields.unit !== undefined && fields.unit !== null && fields.unit !== 'mmol/L') problems.push({ field: 'unit', message: 'ketones are in mmol/L' });
    if (value !== null && !between(value, ketones)) problems.push({ field: 'value', message: `must be between ${ketones.min} and ${ketones.max} mmol/L` });
  }
  if (type === 'hba1c' && value !== null) {
    if (fields.unit === '%' && !between(value, hba1cPercent)) {
      problems.push({ field: 'value', message: `must be between ${hba1cPercent.min} and ${hba1cPercent.max} %` });
    } else if (fields.unit === 'mmol/mol' && !between(value, hba1cMmolPerMol)) {
      problems.push({ field: 'value', message: `must be between ${hba1cMmolPerMol.min} and ${hba1cMmolPerMol.max} mmol/mol` });
    } else if (fields.unit === 'mmol/L') {
      problems.push({ field: 'unit', message: 'an HbA1c is in % or mmol/mol' });
    }
  }
  return problems;
}
