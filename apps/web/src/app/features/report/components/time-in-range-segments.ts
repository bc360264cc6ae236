import { GLUCOSE_BANDS, TIME_IN_RANGE_GOALS, type GlucoseBand } from '@glucodiary/clinical';
import type { TimeInRange } from '@glucodiary/contracts';
import { BAND_LABELS } from '../../../shared/glucose/glucose-band';

export interface TimeInRangeSegment {
  band: GlucoseBand;
  label: string;
  symbol: string;
  /** The share as the report gives it, % to one decimal. */
  share: number;
  /** The segment's height in the column, %: the shares scaled to fill it exactly, as rounding can leave them at 99.9 or 100.1. */
  height: number;
  /** The consensus goal, as the AGP report writes it: "<1%", ">70%". */
  goal: string;
}

/** The stacked column's segments from the top down, very high to very low, as the consensus AGP report stacks them. */
export function timeInRangeSegments(timeInRange: TimeInRange): TimeInRangeSegment[] {
  const total = GLUCOSE_BANDS.reduce((sum, band) => sum + timeInRange[band], 0);
  return [...GLUCOSE_BANDS].reverse().map((band) => {
    const goal = TIME_IN_RANGE_GOALS[band];
    return {
      band,
      ...BAND_LABELS[band],
      share: timeInRange[band],
      height: total > 0 ? (timeInRange[band] / total) * 100 : 0,
      goal: `${goal.comparison}${goal.percent}%`,
    };
  });
}
