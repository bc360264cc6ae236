/** A sensor's trend arrow (Nightscout's `direction`) as a symbol and the words a screen reader says. */
export interface TrendArrow {
  symbol: string;
  label: string;
}

/** The rates are Dexcom's: an arrow per 1–2 mg/dL per minute, two arrows beyond 3. */
const ARROWS: Readonly<Record<string, TrendArrow>> = {
  DoubleUp: { symbol: '⇈', label: $localize`rising quickly` },
  SingleUp: { symbol: '↑', label: $localize`rising` },
  FortyFiveUp: { symbol: '↗', label: $localize`rising slowly` },
  Flat: { symbol: '→', label: $localize`steady` },
  FortyFiveDown: { symbol: '↘', label: $localize`falling slowly` },
  SingleDown: { symbol: '↓', label: $localize`falling` },
  DoubleDown: { symbol: '⇊', label: $localize`falling quickly` },
};

/** The arrow of a direction, or null when the sensor gave none (NONE, NOT COMPUTABLE, RATE OUT OF RANGE). */
export function trendArrowOf(direction: string | null): TrendArrow | null {
  return direction ? (ARROWS[direction] ?? null) : null;
}

/** How long ago a reading was taken, as a dashboard says it: "just now", "3 min ago", "2 h ago"; null after a day. */
export function readingAge(takenAt: string, now: number): string | null {
  const minutes = Math.floor((now - new Date(takenAt).getTime()) / 60_000);
  if (minutes < 1) return $localize`just now`;
  if (minutes < 60) return $localize`${minutes}:minutes: min ago`;
  if (minutes < 24 * 60) return $localize`${Math.floor(minutes / 60)}:hours: h ago`;
  return null;
}
