import { localTimeOf, zonedIsoString } from '@glucodiary/clinical';
import {
  fromMgdl,
  GLUCODIARY_CSV_COLUMNS,
  type ExportedReading,
  type ExportFormat,
  type GlucoseUnit,
  type Treatment,
} from '@glucodiary/contracts';
import type { PrismaClient } from '@glucodiary/db';
import { Readable } from 'node:stream';
import { csvField, guardFormula } from '../../core/csv-text';
import { FieldValidationError } from '../../core/errors';
import { readingPages, type PagedReading } from '../readings/reading-pages';
import { toTreatment } from '../treatments/treatments.service';

export interface ExportRequest {
  userId: string;
  format: ExportFormat;
  from?: Date;
  to?: Date;
  now?: Date;
}

export interface ReadingsExport {
  filename: string;
  contentType: string;
  body: Readable;
}

/**
 * Streams all of a user's readings (optionally of a period), oldest first, in the user's unit
 * and with timestamps in the user's time zone: as GlucoDiary CSV (which the importer reads back)
 * or as JSON. Readings are fetched a page at a time (see readingPages), so an export never holds the whole diary.
 */
export class ReadingsExportService {
  constructor(private readonly db: PrismaClient) {}

  async export(request: ExportRequest): Promise<ReadingsExport> {
    if (request.from && request.to && request.from > request.to) {
      throw new FieldValidationError([{ field: 'from', message: 'must not be after `to`' }]);
    }
    const user = await this.db.user.findUniqueOrThrow({
      where: { id: request.userId },
      select: { timeZone: true, preferredUnit: true },
    });
    const unit = user.preferredUnit as GlucoseUnit;
    const now = request.now ?? new Date();
    const day = localTimeOf(now, user.timeZone).date;
    const readings = this.readings(request, unit, user.timeZone);
    if (request.format === 'json') {
      const treatments = await this.db.treatment.findMany({
        where: { userId: request.userId, takenAt: { gte: request.from, lte: request.to } },
        orderBy: [{ takenAt: 'asc' }, { id: 'asc' }],
      });
      const header = { exportedAt: now.toISOString(), timeZone: user.timeZone, unit, treatments: treatments.map(toTreatment) };
      return {
        filename: `glucodiary-readings-${day}.json`,
        contentType: 'application/json; charset=utf-8',
        body: Readable.from(jsonDocument(readings, header)),
      };
    }
    return {
      filename: `glucodiary-readings-${day}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: Readable.from(csvDocument(readings)),
    };
  }

  private async *readings(range: ExportRequest, unit: GlucoseUnit, timeZone: string): AsyncGenerator<ExportedReading> {
    for await (const page of readingPages(this.db, range)) {
      for (const row of page) yield exported(row, unit, timeZone);
    }
  }
}

export function exported(row: PagedReading, unit: GlucoseUnit, timeZone: string): ExportedReading {
  return {
    takenAt: zonedIsoString(row.takenAt, timeZone),
    value: fromMgdl(row.valueMgdl, unit),
    unit,
    context: row.mealContext,
    note: row.note,
    kind: row.kind,
    source: row.source,
    beyondRange: row.beyondRange,
  };
}

async function* csvDocument(readings: AsyncIterable<ExportedReading>): AsyncGenerator<string> {
  yield `${GLUCODIARY_CSV_COLUMNS.join(',')}\r\n`;
  let lines: string[] = [];
  for await (const reading of readings) {
    lines.push(
      [
        reading.takenAt,
        String(reading.value),
        reading.unit,
        reading.context,
        csvField(guardFormula(reading.note ?? '')),
        reading.kind,
        reading.source,
        reading.beyondRange ?? '',
      ].join(',') + '\r\n',
    );
    if (lines.length >= 200) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('');
}

async function* jsonDocument(
  readings: AsyncIterable<ExportedReading>,
  header: { exportedAt: string; timeZone: string; unit: GlucoseUnit; treatments: Treatment[] },
): AsyncGenerator<string> {
  const opening = JSON.stringify({ format: 'glucodiary', version: 1, ...header, readings: [] });
  // Everything but the closing `]}` of the empty list: the readings stream in between.
  yield opening.slice(0, -2);
  let first = true;
  for await (const reading of readings) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(reading)}`;
    first = false;
  }
  yield '\n]}\n';
}
