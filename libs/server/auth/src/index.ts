export { authenticationPlugin, InvalidAccessTokenError, SessionEndedError, type AuthenticationOptions } from './authentication.plugin';
export type { SessionRecord, SessionStore } from './session-store';
export { DatabaseSessionStore, type DurableSession, type DurableSessions } from './database-session-store';
export { GridSessionStore, SESSIONS_MAP, type LiveSession } from './grid-session-store';
export { RefreshTokens, type RefreshOutcome } from './refresh-tokens';
export { GridRevocableMap, type GridEntry, type Revocable } from './grid-revocable-map';
export { gridOrFallback } from './grid-or-fallback';
export { CREDENTIAL_MAPS } from './credential-maps';
export { DEVICE_SECRETS_MAP, GridDeviceSecrets, newDeviceSecret, secretSha1, type DeviceCredential, type LiveDevice } from './device-secrets';
