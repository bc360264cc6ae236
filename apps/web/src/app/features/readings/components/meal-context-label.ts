import type { MealContext } from '@glucodiary/contracts';

export const MEAL_CONTEXT_LABELS: Readonly<Record<MealContext, string>> = {
  fasting: $localize`Fasting`,
  before_meal: $localize`Before meal`,
  after_meal: $localize`After meal`,
  bedtime: $localize`Bedtime`,
  other: $localize`:meal context:Other`,
};
