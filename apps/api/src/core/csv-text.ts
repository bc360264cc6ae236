/** Text as a CSV cell that spreadsheets open safely, for the exports. */

/** Quotes a field when it has to be; doubles its quotes. */
export function csvField(text: string): string {
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A note a spreadsheet would run as a formula gets a leading quote; the importer removes it. */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
