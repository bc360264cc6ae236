import type { MapConfig } from '@glucodiary/grid';
import { DEVICE_SECRETS_MAP } from './device-secrets';
import { SESSIONS_MAP } from './grid-session-store';

/**
 * The grid maps credentials (sessions, device secrets) are checked in, as the member must be
 * configured for them: near-cached, so a check is answered from the member's own memory.
 */
export const CREDENTIAL_MAPS: Record<string, MapConfig> = {
  [SESSIONS_MAP]: { nearCache: { maxEntries: 100_000 } },
  [DEVICE_SECRETS_MAP]: { nearCache: { maxEntries: 100_000 } },
};
