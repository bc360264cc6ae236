import type { MealContext } from '@glucodiary/contracts';

export const MEAL_CONTEXT_LABELS: Readonly<Record<MealContext, string>> = {
  fasting: 'Fasting',
  before_meal: 'Before meal',
  after_meal: 'After meal',
  bedtime: 'Bedtime',
  other: 'Other',
};
