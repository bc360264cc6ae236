import type { Ajv, FormatDefinition } from 'ajv';

/**
 * Narrows the `date-time` format of ajv-formats to instants JavaScript and the databases can
 * represent. RFC 3339 allows a leap second ("2016-12-31T23:59:60Z"), which `Date` cannot hold,
 * and the year 0000, which PostgreSQL's calendar does not have: both passed validation and
 * failed later, as a 500.
 */
export function representableInstants(ajv: Ajv): void {
  const rfc3339 = ajv.formats['date-time'];
  if (typeof rfc3339 !== 'object' || rfc3339 instanceof RegExp || typeof rfc3339.validate !== 'function') {
    throw new Error("expected ajv-formats' date-time format to be registered first");
  }
  const { validate, compare } = rfc3339 as FormatDefinition<string>;
  const isRfc3339 = validate as (value: string) => boolean;
  // `compare` stays: formatMinimum/formatMaximum need it.
  ajv.addFormat('date-time', { type: 'string', compare, validate: (value: string) => isRfc3339(value) && isStorableInstant(new Date(value)) });
}

/** A Date both databases store: years 1 to 9999 in UTC (an offset can move "0001-01-01T00:00+01:00" into year 0). */
export function isStorableInstant(instant: Date): boolean {
  const year = instant.getUTCFullYear(); // NaN for an invalid Date
  return year >= 1 && year <= 9999;
}
