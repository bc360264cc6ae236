import type { PluralForms } from './count-text';

/** The nouns several pages count ("12 readings"), each a message with its plural: `count(n, READINGS, locale)`. */
export const READINGS: PluralForms = { one: $localize`reading`, other: $localize`readings` };
export const ROWS: PluralForms = { one: $localize`row`, other: $localize`rows` };
export const SENSOR_READINGS: PluralForms = { one: $localize`sensor reading`, other: $localize`sensor readings` };
export const FINGER_STICKS: PluralForms = { one: $localize`finger-stick`, other: $localize`finger-sticks` };
export const INSULIN_DOSES: PluralForms = { one: $localize`insulin dose`, other: $localize`insulin doses` };
export const NOTES: PluralForms = { one: $localize`note`, other: $localize`notes` };
export const KETONE_READINGS: PluralForms = { one: $localize`ketone reading`, other: $localize`ketone readings` };
export const CARBOHYDRATE_ENTRIES: PluralForms = { one: $localize`carbohydrate entry`, other: $localize`carbohydrate entries` };
