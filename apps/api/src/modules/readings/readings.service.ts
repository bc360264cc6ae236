import {
  FUTURE_TOLERANCE_MS,
  fromMgdl,
  GLUCOSE_LIMITS,
  isWithinGlucoseLimits,
  toMgdl,
  type CreateReadingBody,
  type GlucoseUnit,
  type MealContext,
  type Reading,
  type ReadingPage,
} from '@glucodiary/contracts';
import type { PrismaClient, Reading as ReadingRow } from '@glucodiary/db';
import { FieldValidationError } from '../../core/errors';
import { decodeCursor, encodeCursor } from './reading-cursor';

export interface ReadingQuery {
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
}

/** A user's readings: always scoped to that user, stored in mg/dL, shown in the user's unit. */
export class ReadingsService {
  constructor(private readonly db: PrismaClient) {}

  async add(userId: string, body: CreateReadingBody, now = new Date()): Promise<Reading> {
    const takenAt = validateReading(body, now);
    const row = await this.db.reading.create({
      data: {
        userId,
        takenAt,
        valueMgdl: toMgdl(body.value, body.unit),
        mealContext: body.context,
        note: body.note?.trim() || null,
      },
    });
    return toReading(row, await this.unitOf(userId));
  }

  async list(userId: string, query: ReadingQuery): Promise<ReadingPage> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (after === null) throw new FieldValidationError([{ field: 'cursor', message: 'is not a cursor this API issued' }]);
    if (query.from && query.to && query.from > query.to) {
      throw new FieldValidationError([{ field: 'from', message: 'must not be after `to`' }]);
    }
    const rows = await this.db.reading.findMany({
      where: {
        userId,
        takenAt: { gte: query.from, lte: query.to },
        ...(after && {
          OR: [{ takenAt: { lt: after.takenAt } }, { takenAt: after.takenAt, id: { lt: after.id } }],
        }),
      },
      orderBy: [{ takenAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    const unit = await this.unitOf(userId);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => toReading(row, unit)),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  }

  private async unitOf(userId: string): Promise<GlucoseUnit> {
    const user = await this.db.user.findUniqueOrThrow({ where: { id: userId }, select: { preferredUnit: true } });
    return user.preferredUnit as GlucoseUnit;
  }
}

/** Rules a schema cannot state: the physiological range depends on the unit, the future on the clock. */
function validateReading(body: CreateReadingBody, now: Date): Date {
  const problems: { field: string; message: string }[] = [];
  if (!isWithinGlucoseLimits(body.value, body.unit)) {
    const { min, max } = GLUCOSE_LIMITS[body.unit];
    problems.push({ field: 'value', message: `must be between ${min} and ${max} ${body.unit}` });
  }
  const takenAt = new Date(body.takenAt);
  if (Number.isNaN(takenAt.getTime())) {
    problems.push({ field: 'takenAt', message: 'is not a valid date and time' });
  } else if (takenAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    problems.push({ field: 'takenAt', message: 'must not be in the future' });
  }
  if (problems.length > 0) throw new FieldValidationError(problems);
  return takenAt;
}

export function toReading(row: ReadingRow, unit: GlucoseUnit): Reading {
  return {
    id: row.id,
    takenAt: row.takenAt.toISOString(),
    value: fromMgdl(row.valueMgdl, unit),
    unit,
    valueMgdl: Math.round(row.valueMgdl * 100) / 100,
    context: row.mealContext as MealContext,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
