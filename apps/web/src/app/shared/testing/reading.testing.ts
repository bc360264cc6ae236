import type { Reading } from '@glucodiary/contracts';

/** Test data: a reading as the API answers it, a typed finger-stick of 120 mg/dL unless `overrides` say otherwise. */
export function readingFixture(overrides: Partial<Reading> = {}): Reading {
  const takenAt = overrides.takenAt ?? '2026-11-20T08:00:00.000Z';
  return {
    id: 'r1',
    takenAt,
    value: 120,
    unit: 'mg/dL',
    valueMgdl: 120,
    context: 'before_meal',
    note: null,
    kind: 'fingerstick',
    source: 'typed',
    beyondRange: null,
    importId: null,
    deviceName: null,
    direction: null,
    createdAt: takenAt,
    updatedAt: takenAt,
    ...overrides,
  };
}
