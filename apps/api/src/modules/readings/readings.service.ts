import {
  fromMgdl,
  GLUCOSE_LIMITS,
  isWithinGlucoseLimits,
  roundMgdl,
  toMgdl,
  type CreateReadingBody,
  type GlucoseUnit,
  type MealContext,
  type Reading,
  type ReadingPage,
  type UpdateReadingBody,
} from '@glucodiary/contracts';
import type { Prisma, PrismaClient, Reading as ReadingRow } from '@glucodiary/db';
import { FieldValidationError, NotFoundError } from '../../core/errors';
import { takenAtProblems, type FieldProblem } from '../../core/taken-at';
import { storeOnce, type ClientKey, type StoredOnce } from '../../core/idempotency';
import { decodeCursor, encodeCursor } from '../../core/keyset-cursor';

export interface ReadingQuery {
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
  context?: MealContext;
}

/** A user's readings: always scoped to that user, stored in mg/dL, shown in the user's unit. */
export class ReadingsService {
  constructor(private readonly db: PrismaClient) {}

  /** Stores a new reading, once per client key when the client sent one (see storeOnce). */
  async add(userId: string, body: CreateReadingBody, clientKey?: ClientKey, now = new Date()): Promise<StoredOnce<Reading>> {
    const takenAt = validateReading(body, now);
    const { row, replayed } = await storeOnce(
      clientKey,
      (key) => this.db.reading.findUnique({ where: { userId_clientKey: { userId, clientKey: key } } }),
      () =>
        this.db.reading.create({
          data: {
            userId,
            takenAt,
            valueMgdl: toMgdl(body.value, body.unit),
            mealContext: body.context,
            note: body.note?.trim() || null,
            kind: body.kind,
            source: body.source,
            beyondRange: body.beyondRange,
            clientKey: clientKey?.key,
            clientKeyRequest: clientKey?.request,
          },
        }),
    );
    return { row: toReading(row, await this.unitOf(userId)), replayed };
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
        // After a cursor the upper bound moves down to it, so the index range starts where the last page ended.
        takenAt: { gte: query.from, lte: after && !(query.to && query.to < after.takenAt) ? after.takenAt : query.to },
        mealContext: query.context,
        ...(after && { NOT: { takenAt: after.takenAt, id: { gte: after.id } } }),
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

  async get(userId: string, id: string): Promise<Reading> {
    return toReading(await this.find(userId, id), await this.unitOf(userId));
  }

  async update(userId: string, id: string, body: UpdateReadingBody, now = new Date()): Promise<Reading> {
    const current = await this.find(userId, id);
    const data: Prisma.ReadingUpdateManyMutationInput = {};
    if ((body.value === undefined) !== (body.unit === undefined)) {
      throw new FieldValidationError([{ field: body.value === undefined ? 'value' : 'unit', message: 'value and unit go together' }]);
    }
    const problems = [
      ...(body.value !== undefined && body.unit !== undefined ? valueProblems(body.value, body.unit) : []),
      ...(body.takenAt !== undefined ? takenAtProblems(body.takenAt, now) : []),
    ];
    if (problems.length > 0) throw new FieldValidationError(problems);
    if (body.value !== undefined && body.unit !== undefined) {
      data.valueMgdl = toMgdl(body.value, body.unit);
      data.beyondRange = null; // a value typed over a LO/HI is what was measured
    }
    if (body.takenAt !== undefined) data.takenAt = new Date(body.takenAt);
    if (body.context !== undefined) data.mealContext = body.context;
    if (body.note !== undefined) data.note = body.note?.trim() || null;
    // Deleted since `find` (another tab): the same 404 as if it had been gone before.
    const [row] = await this.db.reading.updateManyAndReturn({ where: { id: current.id, userId }, data });
    if (!row) throw new NotFoundError('No such reading in your diary.');
    return toReading(row, await this.unitOf(userId));
  }

  /** Deletes and returns the reading, so a client can offer to undo by adding it back. */
  async delete(userId: string, id: string): Promise<Reading> {
    const reading = await this.get(userId, id);
    await this.db.reading.deleteMany({ where: { id, userId } });
    return reading;
  }

  /** Another user's reading is reported as missing, never as forbidden: its existence is private too. */
  private async find(userId: string, id: string): Promise<ReadingRow> {
    const row = await this.db.reading.findFirst({ where: { id, userId } });
    if (!row) throw new NotFoundError('No such reading in your diary.');
    return row;
  }

  private async unitOf(userId: string): Promise<GlucoseUnit> {
    const user = await this.db.user.findUniqueOrThrow({ where: { id: userId }, select: { preferredUnit: true } });
    return user.preferredUnit as GlucoseUnit;
  }
}


/** Rules a schema cannot state: the physiological range depends on the unit, the future on the clock. */
function validateReading(body: CreateReadingBody, now: Date): Date {
  const problems = [...valueProblems(body.value, body.unit), ...takenAtProblems(body.takenAt, now)];
  if (problems.length > 0) throw new FieldValidationError(problems);
  return new Date(body.takenAt);
}

function valueProblems(value: number, unit: GlucoseUnit): FieldProblem[] {
  if (isWithinGlucoseLimits(value, unit)) return [];
  const { min, max } = GLUCOSE_LIMITS[unit];
  return [{ field: 'value', message: `must be between ${min} and ${max} ${unit}` }];
}


/** A stored reading in the user's unit; `deviceName` and `direction` where the query read them (an uploaded reading's app and trend). */
export function toReading(
  row: Omit<ReadingRow, 'userId' | 'importKey' | 'deviceId' | 'deviceName' | 'direction' | 'clientKey' | 'clientKeyRequest'> & Partial<Pick<ReadingRow, 'deviceName' | 'direction'>>,
  unit: GlucoseUnit,
): Reading {
  return {
    id: row.id,
    takenAt: row.takenAt.toISOString(),
    value: fromMgdl(row.valueMgdl, unit),
    unit,
    valueMgdl: roundMgdl(row.valueMgdl),
    context: row.mealContext,
    note: row.note,
    kind: row.kind,
    source: row.source,
    beyondRange: row.beyondRange,
    importId: row.importId,
    deviceName: row.deviceName ?? null,
    direction: row.direction ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
