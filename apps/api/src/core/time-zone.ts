/**
 * The IANA name of a time zone as the runtime spells it ("europe/berlin" → "Europe/Berlin"), or
 * undefined if it knows no such zone. Stored names are canonical, so the web app's list of zones
 * finds the one a user has.
 */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The problem to report for a time zone `canonicalTimeZone` does not know. */
export const UNKNOWN_TIME_ZONE = { field: 'timeZone', message: 'is not a known IANA time zone' } as const;
