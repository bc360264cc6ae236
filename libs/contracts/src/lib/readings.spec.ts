import { MEAL_CONTEXTS, MealContextSchema } from './readings';

describe('meal contexts', () => {
  it('lists exactly the contexts the schema accepts', () => {
    const accepted = MealContextSchema.anyOf.map((literal) => literal.const);
    expect([...MEAL_CONTEXTS].sort()).toEqual([...accepted].sort());
  });
});
