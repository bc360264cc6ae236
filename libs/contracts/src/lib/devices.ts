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

export const DeviceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scope: DeviceScopeSchema,
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When an app last used the secret (to within a few minutes)' }),
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
