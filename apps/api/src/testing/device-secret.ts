import type { CreatedDevice } from '@glucodiary/contracts';
import { createHash } from 'node:crypto';
import { signedInUser } from './test-app';
import type { App } from '../app';

export const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** A signed-in user with a device secret of this scope, and the `api-secret` header xDrip+ would send for it. */
export async function userWithDevice(app: App, scope: 'upload' | 'read' = 'upload', name = 'xDrip+ on my Pixel') {
  const person = await signedInUser(app);
  const created = await app.inject({ method: 'POST', url: '/api/devices', headers: person.headers, payload: { name, scope } });
  if (created.statusCode !== 201) throw new Error(`could not create a device: ${created.statusCode} ${created.body}`);
  const device = created.json<CreatedDevice>();
  // What xDrip+ sends for https://<secret>@host/api/v1/: the SHA-1 hex of the secret.
  return { ...person, device, apiSecret: { 'api-secret': sha1(device.secret) } };
}
