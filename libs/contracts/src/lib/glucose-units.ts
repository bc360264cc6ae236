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

export function isWithinGlucoseLimits(value: number, unit: GlucoseUnit): boolean {
  const { min, max } = GLUCOSE_LIMITS[unit];
  return value >= min && value <= max;
}
