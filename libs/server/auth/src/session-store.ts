/** A sign-in: the access token carries its id. */
export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: Date;
}

/**
 * Where live sessions are kept and checked. Every implementation keeps the database as the
 * durable record; they differ in how a request's check is answered.
 */
export interface SessionStore {
  open(userId: string, userAgent: string | undefined, ttlSeconds: number): Promise<SessionRecord>;
  /** Is this session live and the user's? Never true for a revoked or expired session. */
  isActive(sessionId: string, userId: string): Promise<boolean>;
  /** Once this returns, no instance accepts the session any more. */
  revoke(sessionId: string): Promise<void>;
  /** Revokes every live session of the user but `keep`; returns how many ended. */
  revokeAll(userId: string, keep?: string): Promise<number>;
}
