import type {
  ActivityIntensity,
  CreateTreatmentBody,
  InsulinKind,
  InsulinPurpose,
  Treatment,
  TreatmentPage,
  TreatmentSource,
  TreatmentType,
  TreatmentValueUnit,
  UpdateTreatmentBody,
} from '@glucodiary/contracts';
import type { PrismaClient, Treatment as TreatmentRow } from '@glucodiary/db';
import { FieldValidationError, NotFoundError } from '../../core/errors';
import { storeOnce, type ClientKey, type StoredOnce } from '../../core/idempotency';
import { decodeCursor, encodeCursor } from '../../core/keyset-cursor';
import { takenAtProblems } from '../../core/taken-at';
import { treatmentProblems, type TreatmentFields } from './treatment-rules';

export interface TreatmentQuery {
  from?: Date;
  to?: Date;
  type?: TreatmentType;
  limit: number;
  cursor?: string;
}

const notFound = () => new NotFoundError('No such treatment in your diary.');
/** The fields a treatment stores besides its time and type, in the order the API lists them. */
const FIELD_NAMES = ['units', 'insulinKind', 'purpose', 'insulinName', 'grams', 'minutes', 'intensity', 'value', 'unit', 'note'] as const;

/** A user's insulin, carbohydrates, activity, notes, lab values and device events; always scoped to that user. */
export class TreatmentsService {
  constructor(private readonly db: PrismaClient) {}

  /** Stores a new treatment, once per client key when the client sent one (see storeOnce). */
  async add(userId: string, body: CreateTreatmentBody, clientKey?: ClientKey, now = new Date()): Promise<StoredOnce<Treatment>> {
    const fields = tidy(body);
    // Ketones are measured in mmol/L only: say so when the client did not.
    if (body.type === 'ketones' && fields.unit === undefined) fields.unit = 'mmol/L';
    const problems = [...takenAtProblems(body.takenAt, now), ...treatmentProblems(body.type, fields)];
    if (problems.length > 0) throw new FieldValidationError(problems);
    const { row, replayed } = await storeOnce(
      clientKey,
      (key) => this.db.treatment.findUnique({ where: { userId_clientKey: { userId, clientKey: key } } }),
      () =>
        this.db.treatment.create({
          data: {
            userId,
            takenAt: new Date(body.takenAt),
            type: body.type,
            ...fields,
            source: body.source ?? 'typed',
            clientKey: clientKey?.key,
            clientKeyRequest: clientKey?.request,
          },
        }),
    );
    return { row: toTreatment(row), replayed };
  }

  async list(userId: string, query: TreatmentQuery): Promise<TreatmentPage> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (after === null) throw new FieldValidationError([{ field: 'cursor', message: 'is not a cursor this API issued' }]);
    if (query.from && query.to && query.from > query.to) throw new FieldValidationError([{ field: 'from', message: 'must not be after `to`' }]);
    const rows = await this.db.treatment.findMany({
      where: {
        userId,
        type: query.type,
        // After a cursor the upper bound moves down to it, so the index range starts where the last page ended.
        takenAt: { gte: query.from, lte: after && !(query.to && query.to < after.takenAt) ? after.takenAt : query.to },
        ...(after && { NOT: { takenAt: after.takenAt, id: { gte: after.id } } }),
      },
      orderBy: [{ takenAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toTreatment), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  async get(userId: string, id: string): Promise<Treatment> {
    return toTreatment(await this.find(userId, id));
  }

  /** Changes some fields; the result must still be a valid treatment of its type. */
  async update(userId: string, id: string, body: UpdateTreatmentBody, now = new Date()): Promise<Treatment> {
    const current = await this.find(userId, id);
    const changes = tidy(body);
    const merged = { ...fieldsOf(current), ...changes };
    const problems = [
      ...(body.takenAt !== undefined ? takenAtProblems(body.takenAt, now) : []),
      ...treatmentProblems(current.type as TreatmentType, merged),
    ];
    if (problems.length > 0) throw new FieldValidationError(problems);
    const [row] = await this.db.treatment.updateManyAndReturn({
      where: { id, userId },
      data: { ...changes, ...(body.takenAt !== undefined && { takenAt: new Date(body.takenAt) }) },
    });
    if (!row) throw notFound(); // deleted since `find`
    return toTreatment(row);
  }

  /** Deletes and returns the treatment, so a client can offer to undo by adding it back. */
  async delete(userId: string, id: string): Promise<Treatment> {
    const treatment = await this.get(userId, id);
    await this.db.treatment.deleteMany({ where: { id, userId } });
    return treatment;
  }

  /** Another user's treatment is reported as missing, never as forbidden: its existence is private too. */
  private async find(userId: string, id: string): Promise<TreatmentRow> {
    const row = await this.db.treatment.findFirst({ where: { id, userId } });
    if (!row) throw notFound();
    return row;
  }
}

/** The fields a body sets, text trimmed (empty text is no text); absent fields stay absent, null clears. */
function tidy(body: TreatmentFields): TreatmentFields {
  const fields: TreatmentFields = {};
  for (const name of FIELD_NAMES) if (body[name] !== undefined) Object.assign(fields, { [name]: body[name] });
  if (typeof fields.note === 'string') fields.note = fields.note.trim() || null;
  if (typeof fields.insulinName === 'string') fields.insulinName = fields.insulinName.trim() || null;
  return fields;
}

function fieldsOf(row: TreatmentRow): TreatmentFields {
  return tidy(toTreatment(row));
}

export function toTreatment(row: TreatmentRow): Treatment {
  return {
    id: row.id,
    takenAt: row.takenAt.toISOString(),
    type: row.type as TreatmentType,
    units: row.units,
    insulinKind: row.insulinKind as InsulinKind | null,
    purpose: row.purpose as InsulinPurpose | null,
    insulinName: row.insulinName,
    grams: row.grams,
    minutes: row.minutes,
    intensity: row.intensity as ActivityIntensity | null,
    value: row.value,
    unit: row.unit as TreatmentValueUnit | null,
    note: row.note,
    source: row.source as TreatmentSource,
    deviceName: row.deviceName,
    importId: row.importId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
