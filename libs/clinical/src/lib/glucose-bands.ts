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

/** A consensus goal for the share of time in a band: below or above a percentage. */
export interface TimeInRangeGoal {
  comparison: '<' | '>';
  percent: number;
}

/**
 * The consensus goals for most adults with type 1 or 2 diabetes (Battelino et al. 2019, table 2),
 * shown beside each band. The goals for low (<4%) and high (<25%) count the very low and very
 * high time within them, as the consensus states them.
 */
export const TIME_IN_RANGE_GOALS: Readonly<Record<GlucoseBand, TimeInRangeGoal>> = {
  veryLow: { comparison: '<', percent: 1 },
  low: { comparison: '<', percent: 4 },
  inRange: { comparison: '>', percent: 70 },
  high: { comparison: '<', percent: 25 },
  veryHigh: { comparison: '<', percent: 5 },
};
