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
