import type { ChangePasswordBody, LoginBody, RegisterBody, SessionList } from '@glucodiary/contracts';
import type { PrismaClient, User } from '@glucodiary/db';
import { RefreshTokens, SessionEndedError, type SessionStore } from '@glucodiary/server-auth';
import type { FastifyBaseLogger } from 'fastify';
import { FieldValidationError, InvalidCredentialsError, NotFoundError, TooManyAttemptsError } from '../../core/errors';
import { canonicalTimeZone } from '../../core/time-zone';
import type { AccountThrottle } from './account-throttle';
import { deviceLabel } from './device-label';
import { normaliseEmail, registrableEmail, storedEmailForms } from './email-address';
import type { PasswordHasher } from './password-hasher';
import { assertNewPasswordAcceptable } from './password-policy';
import type { Answer, Registrations } from './registrations';

export interface AuthServiceOptions {
  passwordHasher: PasswordHasher;
  /** Creates accounts: at once, or (with a mailer) answering alike for every address and mailing a link. */
  registrations: Registrations;
  /** Slows down password guessing at one account from any address (see AccountThrottle). */
  throttle: AccountThrottle;
  sessionTtlSeconds: number;
}

/** A session just opened or renewed: what the answer's tokens are made of. */
export interface SignedIn {
  user: User;
  sessionId: string;
  refreshToken: string;
  expiresAt: Date;
}

/** Who is signing in, from where. */
export interface SignInClient {
  /** The client's address as rate limits key it (clientKey). */
  address: string;
  userAgent: string | undefined;
}

/** `created`: the account is active and signed in, as by a sign-in; `mailed`: its activation link is on its way. */
export type Registration = { kind: 'created'; signedIn: SignedIn } | { kind: 'mailed' };

/**
 * Accounts and their sessions: registration, sign-in, refresh, the sessions of an account and
 * password changes. Every query about sessions is made here or in the session store; routes only
 * parse, call and answer. Failures are the API's coded errors (core/errors), answered by the error handler.
 */
export class AuthService {
  private readonly refreshTokens: RefreshTokens;

  constructor(
    private readonly db: PrismaClient,
    private readonly sessions: SessionStore,
    private readonly options: AuthServiceOptions,
  ) {
    this.refreshTokens = new RefreshTokens(db);
  }

  /**
   * Without a mailer the account, active at once and signed in with a session of its own, as a
   * sign-in would open (EmailTakenError for a taken address). With one, `mailed`: everything that
   * depends on the address (database, which mail) happens once `answered` is out.
   */
  async register(body: RegisterBody, client: SignInClient, answered: Answer, log: FastifyBaseLogger): Promise<Registration> {
    const { passwordHasher, registrations } = this.options;
    const { password, displayName } = body;
    // Normalised; an address that can pass for another one is refused (400), with a mailer or without.
    const email = registrableEmail(body.email);
    // The browser's zone, so that days and "now" are the user's from the first reading on. One
    // this server does not know must not stop anyone registering: UTC then, as without one.
    const timeZone = body.timeZone === undefined ? undefined : canonicalTimeZone(body.timeZone);
    // After the rate limits and the schema, as scoring takes CPU time (up to ~0.1 s).
    assertNewPasswordAcceptable(password, { email, displayName }, 'password');
    // Hashed whether or not the address has an account: with a mailer, both answers take as long.
    const account = {
      email,
      emailForms: storedEmailForms(body.email),
      passwordHash: await passwordHasher.hash(password),
      displayName: displayName.trim(),
      settings: { ...(timeZone && { timeZone }), ...(body.language && { language: body.language }), ...(body.formatLocale && { formatLocale: body.formatLocale }) },
    };
    if (!registrations.mail) return { kind: 'created', signedIn: await this.openSession(await registrations.createActive(account), client) };
    registrations.acceptByMail(account, answered, log);
    return { kind: 'mailed' };
  }

  /** Checks the password (slowed down for an account under attack) and opens a session. */
  async signIn(credentials: LoginBody, client: SignInClient, log: FastifyBaseLogger): Promise<SignedIn> {
    const { passwordHasher, registrations, throttle } = this.options;
    const email = normaliseEmail(credentials.email);
    const admission = await throttle.admit(email, client.address);
    if (!admission.admitted) throw new TooManyAttemptsError(admission.retryAfterSeconds);
    // Also under the form addresses were stored in before normalisation, as older accounts may be.
    const user = await registrations.findAccount(storedEmailForms(credentials.email));
    const check = await passwordHasher.check(user?.passwordHash, credentials.password);
    // An account waiting for activation is refused like a wrong password, even with the right one: a
    // distinct answer would tell whoever registered an address with their own password whether it was new.
    if (!check.matches || !user || !user.activatedAt) throw new InvalidCredentialsError(); // counted as a failure when admitted
    await throttle.succeeded(email, client.address);
    if (check.rehash) await this.rehash(user, credentials.password, log);
    return this.openSession(user, client);
  }

  /** A new session of the account, in the grid and the database, and its first refresh token. */
  private async openSession(user: User, client: SignInClient): Promise<SignedIn> {
    const session = await this.sessions.open(user.id, client.userAgent, this.options.sessionTtlSeconds).catch((error: unknown) => {
      // The account was deleted between the password check (or its creation) and now (its row is gone: a foreign-key failure).
      if ((error as { code?: string }).code === 'P2003') throw new InvalidCredentialsError();
      throw error;
    });
    const refreshToken = await this.refreshTokens.issue(session.id);
    return { user, sessionId: session.id, refreshToken, expiresAt: session.expiresAt };
  }

  /** Exchanges a refresh token (single use) for a new one; SessionEndedError when it no longer works. */
  async refresh(presented: string, log: FastifyBaseLogger): Promise<SignedIn> {
    const outcome = await this.refreshTokens.rotate(presented);
    if (outcome.kind === 'reused') {
      // A token used twice was copied: end the session for whoever holds any of its tokens.
      await this.sessions.revoke(outcome.sessionId);
      log.warn({ session: outcome.sessionId }, 'refresh token reused: session revoked');
    }
    if (outcome.kind !== 'rotated' || !(await this.sessions.isActive(outcome.sessionId, outcome.user.id))) throw new SessionEndedError();
    return { user: outcome.user, sessionId: outcome.sessionId, refreshToken: outcome.refreshToken, expiresAt: outcome.expiresAt };
  }

  signOut(sessionId: string): Promise<void> {
    return this.sessions.revoke(sessionId);
  }

  async signOutEverywhere(userId: string): Promise<void> {
    await this.sessions.revokeAll(userId);
  }

  /** The account's live sessions, most recently used first; `currentSessionId` is marked as the caller's own. */
  async listSessions(userId: string, currentSessionId: string): Promise<SessionList> {
    const sessions = await this.db.session.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { lastSeenAt: 'desc' },
    });
    return {
      items: sessions.map((session) => ({
        id: session.id,
        device: deviceLabel(session.userAgent),
        createdAt: session.createdAt.toISOString(),
        lastSeenAt: session.lastSeenAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
        current: session.id === currentSessionId,
      })),
    };
  }

  /** Ends one session of the account (NotFoundError unless it is the account's and not ended). */
  async revokeSession(userId: string, sessionId: string): Promise<void> {
    const session = await this.db.session.findFirst({ where: { id: sessionId, userId, revokedAt: null } });
    if (!session) throw new NotFoundError('No such session of yours is active.');
    await this.sessions.revoke(session.id);
  }

  /** Changes the password after checking the current one, and ends every session of the account but `currentSessionId`. */
  async changePassword(userId: string, currentSessionId: string, { currentPassword, newPassword }: ChangePasswordBody): Promise<void> {
    const { passwordHasher } = this.options;
    const user = await this.db.user.findUnique({ where: { id: userId } });
    if (!user || !(await passwordHasher.verify(user.passwordHash, currentPassword))) {
      throw new FieldValidationError([{ field: 'currentPassword', message: 'is not your current password' }]);
    }
    assertNewPasswordAcceptable(newPassword, user, 'newPassword');
    const passwordHash = await passwordHasher.hash(newPassword);
    // Other sessions first: if that fails (grid below quorum), the password is unchanged and the
    // request can simply be repeated. Then again: a sign-in with the old password may have
    // finished in between.
    await this.sessions.revokeAll(user.id, currentSessionId);
    await this.db.user.update({ where: { id: user.id }, data: { passwordHash } });
    await this.sessions.revokeAll(user.id, currentSessionId);
  }

  /**
   * Replaces a hash of the password as typed (from before passwords were normalised) by one of its
   * normalised form. Only while the old hash is stored: a password changed meanwhile stays changed.
   * Best effort: the sign-in has succeeded, and the old hash still works next time.
   */
  private async rehash(user: User, password: string, log: FastifyBaseLogger): Promise<void> {
    try {
      const passwordHash = await this.options.passwordHasher.hash(password);
      await this.db.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } });
    } catch (error) {
      log.warn({ err: error }, 'password rehash failed');
    }
  }
}
