import { Type, type Static } from 'typebox';
import { literalUnion } from './literal-union';

/**
 * What a device secret may do: `upload` writes entries, treatments and device status and reads
 * the diary back (an uploader such as xDrip+); `read` only reads (a watch face, a follower app).
 */
export const DEVICE_SCOPES = ['upload', 'read'] as const;
export const DeviceScopeSchema = literalUnion(DEVICE_SCOPES, { description: 'upload (write and read) or read (read only)' });
export type DeviceScope = Static<typeof DeviceScopeSchema>;

export const DEVICE_NAME_MAX_LENGTH = 60;
/** A name the user knows the device by ("xDrip+ on my Pixel"): not blank, stored trimmed. */
export const DeviceNameSchema = Type.String({ minLength: 1, maxLength: DEVICE_NAME_MAX_LENGTH, pattern: '\\S' });

/** How many device secrets an account may hold at once. */
export const DEVICES_MAX = 20;

export const CreateDeviceBodySchema = Type.Object({ name: DeviceNameSchema, scope: DeviceScopeSchema }, { additionalProperties: false });
export type CreateDeviceBody = Static<typeof CreateDeviceBodySchema>;

export const UpdateDeviceBodySchema = Type.Object({ name: DeviceNameSchema }, { additionalProperties: false });
export type UpdateDeviceBody = Static<typeof UpdateDeviceBodySchema>;

/** The newest status a device reported, as Settings → Devices shows it. */
export const DeviceStatusSummarySchema = Type.Object({
  reportedAt: Type.String({ format: 'date-time' }),
  uploaderBatteryPercent: Type.Union([Type.Number(), Type.Null()]),
  pumpBatteryPercent: Type.Union([Type.Number(), Type.Null()]),
  pumpReservoirUnits: Type.Union([Type.Number(), Type.Null()]),
  insulinOnBoardUnits: Type.Union([Type.Number(), Type.Null()]),
  carbsOnBoardGrams: Type.Union([Type.Number(), Type.Null()]),
  /** The closed loop's state in a few words ("enacted 0.8 U/h", "failed: …"), when the app loops. */
  loop: Type.Union([Type.String(), Type.Null()]),
});
export type DeviceStatusSummary = Static<typeof DeviceStatusSummarySchema>;

export const DeviceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scope: DeviceScopeSchema,
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When an app last used the secret (to within a few minutes)' }),
  latestStatus: Type.Union([DeviceStatusSummarySchema, Type.Null()], { description: 'The newest status the app reported (POST /api/v1/devicestatus)' }),
});
export type Device = Static<typeof DeviceSchema>;

/** A new device: its secret is in this answer only, and never again. */
export const CreatedDeviceSchema = Type.Object({
  ...DeviceSchema.properties,
  secret: Type.String({ description: 'At least 128 random bits, URL-safe; shown once' }),
  nightscoutUrl: Type.String({ description: 'The Nightscout URL for the app, the secret in it: https://<secret>@<host>/api/v1/ as xDrip+ expects' }),
});
export type CreatedDevice = Static<typeof CreatedDeviceSchema>;

export const DeviceListSchema = Type.Object({ items: Type.Array(DeviceSchema) });
export type DeviceList = Static<typeof DeviceListSchema>;

export const DeviceIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/**
 * What an uploader app reported that the diary does not model as a treatment (a temporary basal
 * rate, a profile switch, a pump suspension…), kept as sent and shown on the day.
 */
export const DeviceEventSchema = Type.Object({
  id: Type.String(),
  takenAt: Type.String({ format: 'date-time' }),
  eventType: Type.String({ description: "Nightscout's event type as the app sent it: Temp Basal, Profile Switch, …" }),
  durationMinutes: Type.Union([Type.Number(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), { description: 'rate, percent, profile, reason, target…, as sent' }),
  note: Type.Union([Type.String(), Type.Null()]),
  deviceName: Type.Union([Type.String(), Type.Null()]),
});
export type DeviceEvent = Static<typeof DeviceEventSchema>;

/** Device events of a day or a few: at most this many are answered. */
export const DEVICE_EVENTS_MAX = 1000;

export const DeviceEventsQuerySchema = Type.Object(
  { from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) },
  { additionalProperties: false },
);
export type DeviceEventsQuery = Static<typeof DeviceEventsQuerySchema>;

export const DeviceEventListSchema = Type.Object({
  items: Type.Array(DeviceEventSchema),
  /** Whether there were more than DEVICE_EVENTS_MAX in the period (the oldest are left out). */
  truncated: Type.Boolean(),
});
export type DeviceEventList = Static<typeof DeviceEventListSchema>;
