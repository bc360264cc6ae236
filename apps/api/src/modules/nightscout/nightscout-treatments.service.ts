import type { NightscoutTreatment } from '@glucodiary/contracts';
import { Prisma, type DeviceEvent as DeviceEventRow, type PrismaClient, type Treatment as TreatmentRow } from '@glucodiary/db';
import type { DeviceCredential } from '@glucodiary/server-auth';
import type { NightscoutEntries } from './nightscout-entries.service';
import { readTreatment, type TreatmentParts, type UploadedTreatment } from './nightscout-treatment';

type Device = DeviceCredential & { name: string };

/** Attempts at a batch that lost a race with the same batch sent again (phones retry). */
const WRITE_ATTEMPTS = 3;
/** The kinds of row one uploaded treatment may be stored as, each under its own key. */
const PART_TYPES = ['insulin', 'carbs', 'activity', 'note', 'sensor-change', 'site-change'] as const;
const KEY_PREFIX = 'ns:';

/** Each row of an uploaded treatment is keyed by the treatment's id (see TreatmentParts.uploadId) and what the row is. */
const partKey = (uploadId: string, part: string) => `${KEY_PREFIX}${uploadId}:${part}`;
const uploadIdOf = (key: string | null) => (key?.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length, KEY_PREFIX.length + 24) : null);
const UPLOAD_ID = /^[0-9a-f]{24}$/;

/** How a stored part compares with an uploaded one: the fields an upload sets. */
const partSignature = (part: object) => JSON.stringify(Object.entries(part).filter(([, value]) => value !== null && value !== undefined).sort());

/** Treatments in and out through Nightscout's treatments API, for one device's user. */
export class NightscoutTreatments {
  constructor(
    private readonly db: PrismaClient,
    private readonly entries: NightscoutEntries,
  ) {}

  /**
   * Stores the posted treatments (POST and PUT alike: one with the event type and time of an
   * earlier one replaces it, so a retry adds nothing and an edit in the app arrives); answers one
   * item per treatment, in order, with its `_id`, or with why it was `refused`.
   */
  async upload(device: Device, items: readonly unknown[], now = new Date()): Promise<NightscoutTreatment[]> {
    const outcomes = items.map((item) => readTreatment(item, now));
    const uploads = new Map<string, TreatmentParts>();
    for (const outcome of outcomes) if (outcome.kind === 'stored') uploads.set(outcome.parts.uploadId, outcome.parts);

    await this.entries.store(device, [...uploads.values()].flatMap((parts) => (parts.reading ? [{ ...parts.reading, device: null }] : [])));
    await this.replaceChanged(device, uploads);

    return outcomes.map((outcome, index) => {
      if (outcome.kind === 'refused') {
        const sent = items[index] as Record<string, unknown> | null;
        return { eventType: typeof sent?.['eventType'] === 'string' ? sent['eventType'] : '', refused: outcome.reason };
      }
      const { parts } = outcome;
      return { _id: parts.uploadId, ...parts.echo, mills: parts.takenAt.getTime(), utcOffset: 0, enteredBy: parts.echo.enteredBy ?? device.name };
    });
  }

  /** The user's newest treatments and device events as Nightscout lists them, within the bounds; newest first. */
  async list(userId: string, query: { count: number; from?: Date; to?: Date; eventType?: string }): Promise<NightscoutTreatment[]> {
    const takenAt = { gte: query.from, lte: query.to };
    const order = [{ takenAt: 'desc' }, { id: 'desc' }] as const;
    // A treatment may be two rows (a Meal Bolus's insulin and carbs): read enough of them for `count`.
    const [treatments, events] = await Promise.all([
      this.db.treatment.findMany({ where: { userId, takenAt }, orderBy: [...order], take: query.count * 2 }),
      this.db.deviceEvent.findMany({ where: { userId, takenAt }, orderBy: [...order], take: query.count }),
    ]);
    const grouped = new Map<string, TreatmentRow[]>();
    for (const row of treatments) {
      const id = uploadIdOf(row.importKey) ?? row.id;
      grouped.set(id, [...(grouped.get(id) ?? []), row]);
    }
    const listed = [...[...grouped.entries()].map(([id, rows]) => fromTreatments(id, rows)), ...events.map(fromDeviceEvent)];
    return listed
      .filter((item) => !query.eventType || item.eventType === query.eventType)
      .sort((a, b) => (b.mills ?? 0) - (a.mills ?? 0))
      .slice(0, query.count);
  }

  /** Deletes a treatment by the `_id` the API gave it (all its rows); how many rows went. */
  async delete(userId: string, id: string): Promise<number> {
    const treatmentKeys = UPLOAD_ID.test(id) ? PART_TYPES.map((part) => partKey(id, part)) : [];
    const [byKey, byId, events] = await this.db.$transaction([
      this.db.treatment.deleteMany({ where: { userId, importKey: { in: treatmentKeys } } }),
      this.db.treatment.deleteMany({ where: { userId, id } }),
      this.db.deviceEvent.deleteMany({ where: { userId, OR: [{ id }, { uploadKey: partKey(id, 'event') }] } }),
    ]);
    return byKey.count + byId.count + events.count;
  }

  /** Writes each upload whose stored rows differ from it (new ones, and edits): its old rows out, its new rows in, at once. */
  private async replaceChanged(device: Device, uploads: ReadonlyMap<string, TreatmentParts>): Promise<void> {
    if (uploads.size === 0) return;
    for (let attempt = 1; ; attempt += 1) {
      const ids = [...uploads.keys()];
      const [storedTreatments, storedEvents] = await Promise.all([
        this.db.treatment.findMany({ where: { userId: device.userId, importKey: { in: ids.flatMap((id) => PART_TYPES.map((part) => partKey(id, part))) } } }),
        this.db.deviceEvent.findMany({ where: { userId: device.userId, uploadKey: { in: ids.map((id) => partKey(id, 'event')) } } }),
      ]);
      const changed = ids.filter((id) => {
        const parts = uploads.get(id) as TreatmentParts;
        const stored = storedTreatments.filter((row) => uploadIdOf(row.importKey) === id).map((row) => partSignature(treatmentPartOf(row)));
        const event = storedEvents.find((row) => row.uploadKey === partKey(id, 'event'));
        return (
          JSON.stringify(stored.sort()) !== JSON.stringify(parts.treatments.map(partSignature).sort()) ||
          (event ? partSignature(eventPartOf(event)) : null) !== (parts.event ? partSignature(parts.event) : null)
        );
      });
      if (changed.length === 0) return;
      const replaced = new Set(changed.filter((id) => storedTreatments.some((row) => uploadIdOf(row.importKey) === id) || storedEvents.some((row) => row.uploadKey === partKey(id, 'event'))));
      const treatmentRows = changed.flatMap((id) => treatmentRowsOf(device, id, uploads.get(id) as TreatmentParts));
      const eventRows = changed.flatMap((id) => eventRowsOf(device, id, uploads.get(id) as TreatmentParts));
      // Only what is there is deleted, only what there is to write is written: a new treatment costs one insert.
      const writes = [
        ...(replaced.size > 0
          ? [
              this.db.treatment.deleteMany({ where: { userId: device.userId, importKey: { in: [...replaced].flatMap((id) => PART_TYPES.map((part) => partKey(id, part))) } } }),
              this.db.deviceEvent.deleteMany({ where: { userId: device.userId, uploadKey: { in: [...replaced].map((id) => partKey(id, 'event')) } } }),
            ]
          : []),
        ...(treatmentRows.length > 0 ? [this.db.treatment.createMany({ data: treatmentRows })] : []),
        ...(eventRows.length > 0 ? [this.db.deviceEvent.createMany({ data: eventRows })] : []),
      ];
      try {
        await (writes.length === 1 ? writes[0] : this.db.$transaction(writes));
        return;
      } catch (error) {
        // The same upload, sent again at once, got there first: look again.
        const lostRace = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
        if (!lostRace || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }
}

function treatmentRowsOf(device: Device, id: string, parts: TreatmentParts): Prisma.TreatmentCreateManyInput[] {
  return parts.treatments.map((part) => ({
    ...part,
    userId: device.userId,
    source: 'upload',
    deviceName: device.name,
    importKey: partKey(id, part.type),
  }));
}

function eventRowsOf(device: Device, id: string, parts: TreatmentParts): Prisma.DeviceEventCreateManyInput[] {
  if (!parts.event) return [];
  const { eventType, durationMinutes, details, note } = parts.event;
  return [{ userId: device.userId, deviceId: device.deviceId, deviceName: device.name, takenAt: parts.takenAt, eventType, durationMinutes, details: JSON.stringify(details), note, uploadKey: partKey(id, 'event') }];
}

/** A stored row in the shape the upload reader gives, to see whether an upload changes it. */
function treatmentPartOf(row: TreatmentRow): UploadedTreatment {
  const { takenAt, type, units, insulinKind, purpose, insulinName, grams, minutes, intensity, note } = row;
  return { takenAt, type, units, insulinKind, purpose, insulinName, grams, minutes, intensity, note } as unknown as UploadedTreatment;
}

function eventPartOf(row: DeviceEventRow) {
  return { eventType: row.eventType, durationMinutes: row.durationMinutes, details: JSON.parse(row.details) as unknown, note: row.note };
}

/** A treatment's time in every field clients read it from: Nightscout's `created_at` and `mills`, Loop's `timestamp`. */
const timesOf = (takenAt: Date) => ({ created_at: takenAt.toISOString(), timestamp: takenAt.toISOString(), mills: takenAt.getTime(), utcOffset: 0 });

/** Nightscout's event type for what a treatment's rows are. */
function eventTypeOf(rows: readonly TreatmentRow[]): string {
  const insulin = rows.find((row) => row.type === 'insulin' && row.insulinKind === 'rapid');
  const carbs = rows.some((row) => row.type === 'carbs');
  if (insulin) return insulin.purpose === 'meal' || carbs ? 'Meal Bolus' : 'Correction Bolus';
  if (carbs) return 'Carb Correction';
  const [first] = rows;
  if (first?.type === 'activity') return 'Exercise';
  if (first?.type === 'site-change') return 'Site Change';
  if (first?.type === 'sensor-change') return 'Sensor Start';
  return 'Note';
}

/**
 * One treatment as Nightscout lists it. Only rapid-acting insulin carries `insulin` (followers
 * count it as insulin on board); a long-acting dose, ketones and an HbA1c are told in its notes.
 */
function fromTreatments(id: string, rows: readonly TreatmentRow[]): NightscoutTreatment {
  const [first] = rows as [TreatmentRow];
  const item: NightscoutTreatment = { _id: id, eventType: eventTypeOf(rows), ...timesOf(first.takenAt), enteredBy: first.deviceName ?? 'GlucoDiary' };
  const notes: string[] = [];
  for (const row of rows) {
    if (row.type === 'insulin' && row.insulinKind === 'rapid') item.insulin = row.units ?? 0;
    else if (row.type === 'insulin') notes.push(`${row.insulinKind} insulin ${row.units} U${row.insulinName ? ` (${row.insulinName})` : ''}`);
    if (row.type === 'carbs') item.carbs = row.grams ?? 0;
    if (row.type === 'activity') item.duration = row.minutes ?? 0;
    if (row.type === 'ketones') notes.push(`Ketones ${row.value} mmol/L`);
    if (row.type === 'hba1c') notes.push(`HbA1c ${row.value} ${row.unit}`);
    if (row.note) notes.push(row.note);
  }
  if (notes.length > 0) item.notes = [...new Set(notes)].join(' · ');
  return item;
}

function fromDeviceEvent(row: DeviceEventRow): NightscoutTreatment {
  return {
    ...(JSON.parse(row.details) as Record<string, string | number | boolean>),
    _id: row.uploadKey.startsWith(KEY_PREFIX) ? (uploadIdOf(row.uploadKey) as string) : row.id,
    eventType: row.eventType,
    ...timesOf(row.takenAt),
    ...(row.durationMinutes !== null && { duration: row.durationMinutes }),
    ...(row.note && { notes: row.note }),
    enteredBy: row.deviceName ?? 'GlucoDiary',
  };
}
