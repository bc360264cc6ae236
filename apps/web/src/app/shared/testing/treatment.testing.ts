import type { Treatment } from '@glucodiary/contracts';

/** Test data: a treatment as the API answers it, a typed 4.5 U of rapid insulin unless `overrides` say otherwise. */
export function treatmentFixture(overrides: Partial<Treatment> = {}): Treatment {
  const takenAt = overrides.takenAt ?? '2026-11-20T08:00:00.000Z';
  return {
    id: 't1',
    takenAt,
    type: 'insulin',
    units: 4.5,
    insulinKind: 'rapid',
    purpose: null,
    insulinName: null,
    grams: null,
    minutes: null,
    intensity: null,
    value: null,
    unit: null,
    note: null,
    source: 'typed',
    deviceName: null,
    importId: null,
    createdAt: takenAt,
    updatedAt: takenAt,
    ...overrides,
  };
}

/** Carbs of `grams` at `takenAt`, as the API answers them. */
export function carbsFixture(grams: number, overrides: Partial<Treatment> = {}): Treatment {
  return treatmentFixture({ id: 'c1', type: 'carbs', units: null, insulinKind: null, grams, ...overrides });
}
