import { localTimeOf, zonedIsoString } from '@glucodiary/clinical';
import { TREATMENT_CSV_COLUMNS } from '@glucodiary/contracts';
import type { PrismaClient, Treatment } from '@glucodiary/db';
import { Readable } from 'node:stream';
import { csvField, guardFormula } from '../../core/csv-text';
import { FieldValidationError } from '../../core/errors';

/** Rows per query: years of a pump's doses are streamed a page at a time. */
const PAGE_ROWS = 2000;

export interface TreatmentsCsv {
  filename: string;
  body: Readable;
}

/**
 * A user's treatments (optionally of a period), oldest first, as CSV: one row per entry with
 * the columns of TREATMENT_CSV_COLUMNS, times with the offset of the user's time zone, empty
 * cells for the fields a type does not have.
 */
export async function treatmentsCsv(db: PrismaClient, userId: string, range: { from?: Date; to?: Date }, now = new Date()): Promise<TreatmentsCsv> {
  if (range.from && range.to && range.from > range.to) throw new FieldValidationError([{ field: 'from', message: 'must not be after `to`' }]);
  const { timeZone } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } });
  return { filename: `glucodiary-treatments-${localTimeOf(now, timeZone).date}.csv`, body: Readable.from(lines(db, userId, range, timeZone)) };
}

async function* lines(db: PrismaClient, userId: string, { from, to }: { from?: Date; to?: Date }, timeZone: string): AsyncGenerator<string> {
  yield `${TREATMENT_CSV_COLUMNS.join(',')}\r\n`;
  let after: Treatment | undefined;
  for (;;) {
    const page = await db.treatment.findMany({
      where: { userId, takenAt: { gte: after?.takenAt ?? from, lte: to }, ...(after && { NOT: { takenAt: after.takenAt, id: { lte: after.id } } }) },
      orderBy: [{ takenAt: 'asc' }, { id: 'asc' }],
      take: PAGE_ROWS,
    });
    if (page.length > 0) yield page.map((row) => csvLine(row, timeZone)).join('');
    if (page.length < PAGE_ROWS) return;
    after = page.at(-1);
  }
}

function csvLine(row: Treatment, timeZone: string): string {
  const cell = (value: string | number | null) => (value === null ? '' : typeof value === 'number' ? String(value) : csvField(guardFormula(value)));
  const values: Record<(typeof TREATMENT_CSV_COLUMNS)[number], string | number | null> = {
    ...row,
    takenAt: zonedIsoString(row.takenAt, timeZone),
  };
  return TREATMENT_CSV_COLUMNS.map((column) => cell(values[column])).join(',') + '\r\n';
}
