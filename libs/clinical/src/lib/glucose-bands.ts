/**
 * Glycaemic bands of the 2019 international consensus on time in range (Battelino et al.,
 * Diabetes Care 42:1593): very low < 54 mg/dL, low 54–69, in range 70–180, high 181–250,
 * very high > 250. The in-range band may be the user's own target.
 */
export const GLUCOSE_BANDS = ['veryLow', 'low', 'inRange', 'high', 'veryHigh'] as const;
export type GlucoseBand = (typeof GLUCOSE_BANDS)[number];

export const VERY_LOW_BELOW_MGDL = 54;
export const VERY_HIGH_ABOVE_MGDL = 250;
export const CONSENSUS_TARGET = { lowMgdl: 70, highMgdl: 180 } as const;

export interface TargetRangeMgdl {
  lowMgdl: number;
  highMgdl: number;
}

/**
 * The band of one reading. Values are compared as whole mg/dL, the resolution meters report, so a
 * mmol/L reading at a consensus limit (3.0, 3.9, 10.0, 13.9 mmol/L) lands in the same band as
 * its mg/dL equivalent (54, 70, 180, 250) instead of a hair outside it.
 */
export function bandOf(valueMgdl: number, target: TargetRangeMgdl = CONSENSUS_TARGET): GlucoseBand {
  const value = Math.round(valueMgdl);
  if (value < VERY_LOW_BELOW_MGDL) return 'veryLow';
  if (value < Math.round(target.lowMgdl)) return 'low';
  if (value <= Math.round(target.highMgdl)) return 'inRange';
  if (value <= VERY_HIGH_ABOVE_MGDL) return 'high';
  return 'veryHigh';
}
