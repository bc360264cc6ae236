import { bandOf, type GlucoseBand } from '@glucodiary/clinical';
import { toMgdl, type GlucoseUnit, type UserProfile } from '@glucodiary/contracts';

/** Each band has a word and a symbol besides its colour, so colour is never the only signal. */
export const BAND_LABELS: Readonly<Record<GlucoseBand, { label: string; symbol: string }>> = {
  veryLow: { label: 'Very low', symbol: '▼▼' },
  low: { label: 'Low', symbol: '▼' },
  inRange: { label: 'In range', symbol: '✓' },
  high: { label: 'High', symbol: '▲' },
  veryHigh: { label: 'Very high', symbol: '▲▲' },
};

export function bandOfReading(value: number, unit: GlucoseUnit, profile: UserProfile | null): GlucoseBand {
  const range = profile?.targetRange;
  const target = range ? { lowMgdl: toMgdl(range.low, range.unit), highMgdl: toMgdl(range.high, range.unit) } : undefined;
  return bandOf(toMgdl(value, unit), target);
}
