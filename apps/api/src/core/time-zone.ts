/**
 * The IANA name of a time zone, with the letter case the runtime uses ("europe/berlin" →
 * "Europe/Berlin"), or undefined if the runtime knows no such zone. Only the case changes: the
 * runtime may know a zone by an older alias (Asia/Calcutta for Asia/Kolkata), and the browser's
 * list of zones, which the settings page matches against, may use either.
 */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return undefined;
  }
}
