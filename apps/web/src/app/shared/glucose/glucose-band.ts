import { bandOf, type GlucoseBand } from '@glucodiary/clinical';
import { toMgdl, type Reading, type UserProfile } from '@glucodiary/contracts';

/** Each band has a word and a symbol besides its colour, so colour is never the only signal. */
export const BAND_LABELS: Readonly<Record<GlucoseBand, { label: string; symbol: string }>> = {
  veryLow: { label: $localize`Very low`, symbol: '▼▼' },
  low: { label: $localize`Low`, symbol: '▼' },
  inRange: { label: $localize`In range`, symbol: '✓' },
  high: { label: $localize`High`, symbol: '▲' },
  veryHigh: { label: $localize`Very high`, symbol: '▲▲' },
};

/**
 * A reading's band from its stored mg/dL value, as the statistics count it; not from the value as
 * shown, which is rounded (181 mg/dL shows as 10.0 mmol/L, which is back to 180 mg/dL: in range).
 */
export function bandOfReading(reading: Pick<Reading, 'valueMgdl'>, profile: UserProfile | null): GlucoseBand {
  const range = profile?.targetRange;
  const target = range ? { lowMgdl: toMgdl(range.low, range.unit), highMgdl: toMgdl(range.high, range.unit) } : undefined;
  return bandOf(reading.valueMgdl, target);
}

/** A reading's band with its word and symbol, as the lists and tables show it. */
export function bandViewOf(reading: Pick<Reading, 'valueMgdl'>, profile: UserProfile | null) {
  const band = bandOfReading(reading, profile);
  return { band, bandLabel: BAND_LABELS[band].label, symbol: BAND_LABELS[band].symbol };
}
