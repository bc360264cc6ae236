import {
  CHOSEN_DATE_ORDERS,
  type ChosenDateOrder,
  type ColumnMapping,
  type DateEvidence,
  type DateOrder,
  type DateOrderReport,
} from '@glucodiary/contracts';
import { clip, timestampParts, timestampPattern, type TimestampParts } from './import-values';

/** What a file's timestamps, all of them, say about the order of their day and month. */
export type DateDecision =
  /** One order fits every timestamp, and one of them (or the ISO shape) shows it. */
  | { kind: 'settled'; order: DateOrder; evidence: DateEvidence; pattern: string; samples: string[] }
  /** Every date written year last has day and month both 1–12: either order fits. */
  | { kind: 'open'; example: TimestampParts; samples: string[] }
  /** Some dates can only be day first and others only month first. */
  | { kind: 'contradictory'; dayFirst: DateEvidence; monthFirst: DateEvidence }
  /** No timestamp of a known shape: there is nothing to decide (the rows are rejected one by one). */
  | { kind: 'none' };

interface Seen {
  line: number;
  text: string;
  parts: TimestampParts;
}

/**
 * Collects a file's timestamps one at a time (the first pass over the file) and then decides the
 * one order its dates are written in. A date written year first (2025-09-01) is read as such;
 * for dates written year last, a first number above 12 settles day first, a second number above
 * 12 settles month first, dotted dates (01.09.2025) are day first, as every locale writes them.
 */
export class DateOrderDecider {
  private yearFirst: Seen | null = null;
  private yearLast: Seen | null = null;
  private lastYearLast: Seen | null = null;
  private lastYearFirst: Seen | null = null;
  private dayFirst: Seen | null = null;
  private monthFirst: Seen | null = null;
  private dotted: Seen | null = null;

  /** One row's timestamp as the file writes it; anything that is not a timestamp is left to the row's reader. */
  add(line: number, text: string | undefined): void {
    const trimmed = (text ?? '').trim();
    if (trimmed === '') return;
    const parts = timestampParts(trimmed);
    if (!parts) return;
    const seen = { line, text: trimmed, parts };
    if (parts.yearFirst) {
      this.yearFirst ??= seen;
      this.lastYearFirst = seen;
      return;
    }
    const { first, second } = parts;
    // 25-25-2025 is no date at all: its row is rejected, it says nothing about the others.
    if (first < 1 || second < 1 || first > 31 || second > 31 || (first > 12 && second > 12)) return;
    this.yearLast ??= seen;
    this.lastYearLast = seen;
    if (first > 12) this.dayFirst ??= seen;
    else if (second > 12) this.monthFirst ??= seen;
    if (parts.separator === '.') this.dotted ??= seen;
  }

  decide(): DateDecision {
    const { dayFirst, monthFirst, yearLast, yearFirst } = this;
    if (dayFirst && monthFirst) return { kind: 'contradictory', dayFirst: evidence(dayFirst), monthFirst: evidence(monthFirst) };
    if (yearLast) {
      const samples = sampleTexts(yearLast, this.lastYearLast);
      const settledBy = dayFirst ?? monthFirst ?? this.dotted;
      if (!settledBy) return { kind: 'open', example: yearLast.parts, samples };
      const order: DateOrder = monthFirst ? 'MDY' : 'DMY';
      return { kind: 'settled', order, evidence: evidence(settledBy), pattern: timestampPattern(yearLast.parts, order), samples };
    }
    if (yearFirst) {
      const samples = sampleTexts(yearFirst, this.lastYearFirst);
      return { kind: 'settled', order: 'YMD', evidence: evidence(yearFirst), pattern: timestampPattern(yearFirst.parts, 'YMD'), samples };
    }
    return { kind: 'none' };
  }
}

const evidence = ({ line, text }: Seen): DateEvidence => ({ line, text });
const sampleTexts = (first: Seen, last: Seen | null) => (last && last.text !== first.text ? [first.text, last.text] : [first.text]);

/** The order to read a file's dates in, with what the answer reports about it; or why there is none. */
export type DateOrderResolution =
  | { ok: true; order: DateOrder; report: DateOrderReport }
  /** The file contradicts itself: unreadable whatever the person chooses. */
  | { ok: false; problem: 'contradictory'; message: string }
  /** The person chose an order the file's own dates rule out. */
  | { ok: false; problem: 'conflict'; message: string }
  /** The dates fit both orders and none was chosen: the preview asks, a commit is refused. */
  | { ok: false; problem: 'needsChoice'; message: string; report: DateOrderReport };

/**
 * Settles the order a file's dates are read in: the file's own timestamps decide, a person's
 * `chosen` order only where they cannot; an order the file rules out is not taken, and neither
 * is any order for a file that contradicts itself.
 */
export function resolveDateOrder(decision: DateDecision, chosen: ChosenDateOrder | undefined): DateOrderResolution {
  const report = (fields: Partial<DateOrderReport>): DateOrderReport => ({
    used: null,
    pattern: null,
    decidedBy: null,
    evidence: null,
    needsChoice: [],
    samples: [],
    ...fields,
  });
  switch (decision.kind) {
    case 'contradictory': {
      const { dayFirst, monthFirst } = decision;
      return {
        ok: false,
        problem: 'contradictory',
        message:
          `The dates in this file are written both day first (line ${dayFirst.line}: "${clip(dayFirst.text)}") and month first ` +
          `(line ${monthFirst.line}: "${clip(monthFirst.text)}"), so none of them can be read with certainty. ` +
          'Correct those rows (or export the file again) and import it again.',
      };
    }
    case 'settled': {
      const { order, evidence, pattern, samples } = decision;
      if (chosen && order !== 'YMD' && chosen !== order) {
        return {
          ok: false,
          problem: 'conflict',
          message: `this file's dates are written ${ORDER_WORDS[order]} (line ${evidence.line}: "${clip(evidence.text)}"), so they cannot be read ${ORDER_WORDS[chosen]}`,
        };
      }
      return { ok: true, order, report: report({ used: order, pattern, decidedBy: 'file', evidence, samples }) };
    }
    case 'open': {
      const { example, samples } = decision;
      if (chosen) {
        return { ok: true, order: chosen, report: report({ used: chosen, pattern: timestampPattern(example, chosen), decidedBy: 'choice', samples }) };
      }
      const sample = samples[0] ?? '';
      const readings = CHOSEN_DATE_ORDERS.map((order) => `${ORDER_WORDS[order]} (${calendarDate(example, order)})`).join(' and ');
      return {
        ok: false,
        problem: 'needsChoice',
        message: `the dates in this file (e.g. "${clip(sample)}") fit both ${readings}: choose ${CHOSEN_DATE_ORDERS.join(' or ')}`,
        report: report({ needsChoice: [...CHOSEN_DATE_ORDERS], samples }),
      };
    }
    case 'none':
      return { ok: true, order: chosen ?? 'YMD', report: report({ used: chosen ?? null, decidedBy: chosen ? 'choice' : null }) };
  }
}

/**
 * The order a person chose: the request's `dateOrder`, else a generic CSV mapping's (its YMD,
 * the mapping form's default, chooses nothing for dates written year last).
 */
export function chosenDateOrder(dateOrder: ChosenDateOrder | undefined, mapping: ColumnMapping | undefined): ChosenDateOrder | undefined {
  const inMapping = mapping?.dateOrder;
  return dateOrder ?? (inMapping === 'DMY' || inMapping === 'MDY' ? inMapping : undefined);
}

const ORDER_WORDS: Readonly<Record<DateOrder, string>> = { DMY: 'day first', MDY: 'month first', YMD: 'year first' };

/** "1 September 2025": what a date written year last means in this order. */
function calendarDate(parts: TimestampParts, order: ChosenDateOrder): string {
  const [day, month] = order === 'DMY' ? [parts.first, parts.second] : [parts.second, parts.first];
  return new Date(Date.UTC(parts.year, month - 1, day)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
