export { authenticationPlugin, InvalidAccessTokenError, SessionEndedError, type AuthenticationOptions } from './authentication.plugin';
export type { SessionRecord, SessionStore } from './session-store';
export { DatabaseSessionStore, type DurableSession, type DurableSessions } from './database-session-store';
export { GridSessionStore, SESSIONS_MAP, type LiveSession } from './grid-session-store';
export { RefreshTokens, type RefreshOutcome } from './refresh-tokens';
