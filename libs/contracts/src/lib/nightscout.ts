import { Type, type Static } from 'typebox';

/** Entries one POST may carry: a day of five-minute readings several times over (a phone back online). */
export const NIGHTSCOUT_BATCH_MAX = 5000;
/** Entries one GET answers at most. */
export const NIGHTSCOUT_COUNT_MAX = 10_000;

/**
 * `POST /api/v1/entries` and friends: one object or an array of them. Each item is read on its
 * own (see the API's nightscout-entry), so one bad item is answered beside the others instead
 * of failing the batch an uploader would then resend for ever; unknown fields are ignored.
 */
export const NightscoutUploadBodySchema = Type.Union([
  Type.Object({}, { additionalProperties: true }),
  Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: NIGHTSCOUT_BATCH_MAX }),
]);
export type NightscoutUploadBody = Static<typeof NightscoutUploadBodySchema>;

/**
 * Nightscout's query for entries: `count`, and `find[date][$gte]` style bounds on the epoch ms
 * (`find[dateString][$gte]` on ISO text also works). Other parameters clients send are ignored.
 */
export const NightscoutEntriesQuerySchema = Type.Object(
  {
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: NIGHTSCOUT_COUNT_MAX })),
    'find[date][$gte]': Type.Optional(Type.String({ maxLength: 40 })),
    'find[date][$gt]': Type.Optional(Type.String({ maxLength: 40 })),
    'find[date][$lte]': Type.Optional(Type.String({ maxLength: 40 })),
    'find[date][$lt]': Type.Optional(Type.String({ maxLength: 40 })),
    'find[dateString][$gte]': Type.Optional(Type.String({ maxLength: 40 })),
    'find[dateString][$lte]': Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: true },
);
export type NightscoutEntriesQuery = Static<typeof NightscoutEntriesQuerySchema>;

/** An entry as Nightscout answers it. */
export const NightscoutEntrySchema = Type.Object(
  {
    _id: Type.Optional(Type.String()),
    type: Type.String(),
    sgv: Type.Optional(Type.Number()),
    mbg: Type.Optional(Type.Number()),
    date: Type.Optional(Type.Number()),
    dateString: Type.Optional(Type.String()),
    sysTime: Type.Optional(Type.String()),
    direction: Type.Optional(Type.String()),
    device: Type.Optional(Type.String()),
    utcOffset: Type.Optional(Type.Number()),
    /** GlucoDiary's own: why an uploaded item was not stored. */
    refused: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
export type NightscoutEntry = Static<typeof NightscoutEntrySchema>;

/**
 * `GET /api/v1/treatments`: `count`, and bounds on `created_at` (ISO text or epoch ms), optionally
 * one `eventType`. Other parameters clients send are ignored.
 */
export const NightscoutTreatmentsQuerySchema = Type.Object(
  {
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: NIGHTSCOUT_COUNT_MAX })),
    'find[created_at][$gte]': Type.Optional(Type.String({ maxLength: 40 })),
    'find[created_at][$gt]': Type.Optional(Type.String({ maxLength: 40 })),
    'find[created_at][$lte]': Type.Optional(Type.String({ maxLength: 40 })),
    'find[created_at][$lt]': Type.Optional(Type.String({ maxLength: 40 })),
    'find[eventType]': Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: true },
);
export type NightscoutTreatmentsQuery = Static<typeof NightscoutTreatmentsQuerySchema>;

/** A treatment as Nightscout answers it (an uploaded device event keeps the fields it was sent with). */
export const NightscoutTreatmentSchema = Type.Object(
  {
    _id: Type.Optional(Type.String()),
    eventType: Type.String(),
    created_at: Type.Optional(Type.String()),
    mills: Type.Optional(Type.Number()),
    /** Loop reads a treatment's time from here (ISO 8601). */
    timestamp: Type.Optional(Type.String()),
    insulin: Type.Optional(Type.Number()),
    carbs: Type.Optional(Type.Number()),
    glucose: Type.Optional(Type.Number()),
    glucoseType: Type.Optional(Type.String()),
    units: Type.Optional(Type.String()),
    duration: Type.Optional(Type.Number()),
    notes: Type.Optional(Type.String()),
    enteredBy: Type.Optional(Type.String()),
    /** GlucoDiary's own: why an uploaded item was not stored. */
    refused: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
export type NightscoutTreatment = Static<typeof NightscoutTreatmentSchema>;

/** `POST /api/v1/devicestatus`: one status or an array of them (a phone back online). */
export const NightscoutDeviceStatusBodySchema = NightscoutUploadBodySchema;
