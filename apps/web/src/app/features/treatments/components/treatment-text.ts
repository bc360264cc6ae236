import type { ActivityIntensity, InsulinKind, InsulinPurpose, Treatment, TreatmentType } from '@glucodiary/contracts';

export const TREATMENT_TYPE_LABELS: Readonly<Record<TreatmentType, string>> = {
  insulin: 'Insulin',
  carbs: 'Carbs',
  activity: 'Activity',
  note: 'Note',
  ketones: 'Ketones',
  hba1c: 'HbA1c',
  'sensor-change': 'Sensor change',
  'site-change': 'Site change',
};

export const INSULIN_KIND_LABELS: Readonly<Record<InsulinKind, string>> = { rapid: 'Rapid', long: 'Long', mixed: 'Mixed', other: 'Other' };

export const INSULIN_PURPOSE_LABELS: Readonly<Record<InsulinPurpose, string>> = { meal: 'Meal', correction: 'Correction', basal: 'Basal' };

export const ACTIVITY_INTENSITY_LABELS: Readonly<Record<ActivityIntensity, string>> = { light: 'Light', moderate: 'Moderate', vigorous: 'Vigorous' };

/** The amount a marker on the Day chart carries: "4.5 U rapid", "60 g", "30 min"; null for a bare event. */
export function treatmentAmount(treatment: Treatment): string | null {
  switch (treatment.type) {
    case 'insulin':
      return `${treatment.units} U ${treatment.insulinKind ?? ''}`.trim();
    case 'carbs':
      return `${treatment.grams} g`;
    case 'activity':
      return `${treatment.minutes} min`;
    case 'ketones':
      return `${treatment.value} ${treatment.unit ?? 'mmol/L'}`;
    case 'hba1c':
      return `${treatment.value} ${treatment.unit ?? ''}`.trim();
    default:
      return null;
  }
}

/** A treatment in words, as the day's list shows it: "Insulin 4.5 U rapid, meal, Humalog". */
export function treatmentText(treatment: Treatment): string {
  const details = [
    treatmentAmount(treatment),
    treatment.purpose && INSULIN_PURPOSE_LABELS[treatment.purpose].toLowerCase(),
    treatment.insulinName,
    treatment.intensity && ACTIVITY_INTENSITY_LABELS[treatment.intensity].toLowerCase(),
  ].filter((part): part is string => !!part);
  const label = TREATMENT_TYPE_LABELS[treatment.type];
  return details.length ? `${label} ${details.join(', ')}` : label;
}
