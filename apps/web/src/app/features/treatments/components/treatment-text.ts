import { formatNumber } from '@angular/common';
import type { ActivityIntensity, InsulinKind, InsulinPurpose, Treatment, TreatmentType } from '@glucodiary/contracts';
import { glucoseUnitLabel } from '../../../shared/glucose/glucose-unit';

export const TREATMENT_TYPE_LABELS: Readonly<Record<TreatmentType, string>> = {
  insulin: $localize`Insulin`,
  carbs: $localize`Carbs`,
  activity: $localize`Activity`,
  note: $localize`Note`,
  ketones: $localize`Ketones`,
  hba1c: $localize`HbA1c`,
  'sensor-change': $localize`Sensor change`,
  'site-change': $localize`Site change`,
};

/** A treatment's type inside a sentence ("Deleted the insulin of 07:30"): German keeps its nouns' capitals, so it is a message of its own. */
export const TREATMENT_TYPE_NAMES: Readonly<Record<TreatmentType, string>> = {
  insulin: $localize`:treatment in a sentence:insulin`,
  carbs: $localize`:treatment in a sentence:carbs`,
  activity: $localize`:treatment in a sentence:activity`,
  note: $localize`:treatment in a sentence:note`,
  ketones: $localize`:treatment in a sentence:ketones`,
  hba1c: $localize`:treatment in a sentence:hba1c`,
  'sensor-change': $localize`:treatment in a sentence:sensor change`,
  'site-change': $localize`:treatment in a sentence:site change`,
};

export const INSULIN_KIND_LABELS: Readonly<Record<InsulinKind, string>> = {
  rapid: $localize`Rapid`,
  long: $localize`Long`,
  mixed: $localize`Mixed`,
  other: $localize`Other`,
};

/** The same inside a sentence: "4.5 U rapid". */
const INSULIN_KIND_WORDS: Readonly<Record<InsulinKind, string>> = { rapid: $localize`rapid`, long: $localize`long`, mixed: $localize`mixed`, other: $localize`other` };

export const INSULIN_PURPOSE_LABELS: Readonly<Record<InsulinPurpose, string>> = {
  meal: $localize`Meal`,
  correction: $localize`Correction`,
  basal: $localize`Basal`,
};

const INSULIN_PURPOSE_WORDS: Readonly<Record<InsulinPurpose, string>> = {
  meal: $localize`:insulin purpose in a sentence:meal`,
  correction: $localize`:insulin purpose in a sentence:correction`,
  basal: $localize`:insulin purpose in a sentence:basal`,
};

export const ACTIVITY_INTENSITY_LABELS: Readonly<Record<ActivityIntensity, string>> = {
  light: $localize`Light`,
  moderate: $localize`Moderate`,
  vigorous: $localize`Vigorous`,
};

const ACTIVITY_INTENSITY_WORDS: Readonly<Record<ActivityIntensity, string>> = {
  light: $localize`:activity intensity in a sentence:light`,
  moderate: $localize`:activity intensity in a sentence:moderate`,
  vigorous: $localize`:activity intensity in a sentence:vigorous`,
};

/** The amount a marker on the Day chart carries: "4.5 U rapid", "60 g", "30 min"; null for a bare event. */
export function treatmentAmount(treatment: Treatment, locale = 'en-US'): string | null {
  const number = (value: number) => formatNumber(value, locale, '1.0-2');
  switch (treatment.type) {
    case 'insulin':
      return [`${number(treatment.units ?? 0)} U`, treatment.insulinKind && INSULIN_KIND_WORDS[treatment.insulinKind]].filter(Boolean).join(' ');
    case 'carbs':
      return `${number(treatment.grams ?? 0)} g`;
    case 'activity':
      return $localize`${number(treatment.minutes ?? 0)}:minutes: min`;
    case 'ketones':
      return `${number(treatment.value ?? 0)} ${treatment.unit === 'mmol/L' || !treatment.unit ? glucoseUnitLabel('mmol/L') : treatment.unit}`;
    case 'hba1c':
      return `${number(treatment.value ?? 0)} ${treatment.unit ?? ''}`.trim();
    default:
      return null;
  }
}

/** A treatment in words, as the day's list shows it: "Insulin 4.5 U rapid, meal, Humalog". */
export function treatmentText(treatment: Treatment, locale = 'en-US'): string {
  const details = [
    treatmentAmount(treatment, locale),
    treatment.purpose && INSULIN_PURPOSE_WORDS[treatment.purpose],
    treatment.insulinName,
    treatment.intensity && ACTIVITY_INTENSITY_WORDS[treatment.intensity],
  ].filter((part): part is string => !!part);
  const label = TREATMENT_TYPE_LABELS[treatment.type];
  return details.length ? `${label} ${details.join(', ')}` : label;
}
