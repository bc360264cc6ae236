/**
 * Glucose units and conversion. Readings are stored canonically in mg/dL;
 * mmol/L = mg/dL / 18.0182 (the molar mass of glucose, 180.182 g/mol, divided by 10).
 */
export const GLUCOSE_UNITS = ['mg/dL', 'mmol/L'] as const;
export type GlucoseUnit = (typeof GLUCOSE_UNITS)[number];

export const MGDL_PER_MMOLL = 18.0182;

/** Physiological range a meter can report; anything outside is a typo, not a reading. */
export const GLUCOSE_LIMITS: Readonly<Record<GlucoseUnit, { min: number; max: number }>> = {
  'mg/dL': { min: 20, max: 600 },
  'mmol/L': { min: 1.1, max: 33.3 },
};

export function toMgdl(value: number, unit: GlucoseUnit): number {
  return unit === 'mg/dL' ? value : value * MGDL_PER_MMOLL;
}

/** Converts from canonical mg/dL and rounds as people read it: mg/dL whole, mmol/L one decimal. */
export function fromMgdl(valueMgdl: number, unit: GlucoseUnit): number {
  return unit === 'mg/dL' ? Math.round(valueMgdl) : Math.round((valueMgdl / MGDL_PER_MMOLL) * 10) / 10;
}

/** A canonical value as readings carry it (`Reading.valueMgdl`): two decimals. */
export function roundMgdl(valueMgdl: number): number {
  return Math.round(valueMgdl * 100) / 100;
}

/**
 * The limits as canonical mg/dL: the wider of the two units' limits (1.1 mmol/L is 19.82 mg/dL,
 * 33.3 mmol/L is 600.01 mg/dL). Checking there rather than against the unit's own limits means a
 * reading stored from either unit can always be written back in mg/dL (undo, edit, re-import).
 */
const CANONICAL_LIMITS_MGDL = {
  min: Math.min(...GLUCOSE_UNITS.map((unit) => roundMgdl(toMgdl(GLUCOSE_LIMITS[unit].min, unit)))),
  max: Math.max(...GLUCOSE_UNITS.map((unit) => roundMgdl(toMgdl(GLUCOSE_LIMITS[unit].max, unit)))),
};

export function isWithinGlucoseLimits(value: number, unit: GlucoseUnit): boolean {
  const valueMgdl = roundMgdl(toMgdl(value, unit));
  return valueMgdl >= CANONICAL_LIMITS_MGDL.min && valueMgdl <= CANONICAL_LIMITS_MGDL.max;
}
