import { createHash, randomBytes } from 'node:crypto';
import type { FormatLocale, Language } from '@glucodiary/contracts';
import { Prisma, type PrismaClient, type User } from '@glucodiary/db';
import type { FastifyBaseLogger } from 'fastify';
import { EmailTakenError } from '../../core/errors';
import type { Mailer } from '../mail/mailer';
import { activationMail, registrationAttemptMail } from './registration-mails';

/** How long an activation link works. */
export const ACTIVATION_TTL_HOURS = 24;
const ACTIVATION_TTL_MS = ACTIVATION_TTL_HOURS * 3600_000;
/** Links an account waiting for activation keeps at once; older ones go (registering again and again piles up nothing). */
const MAX_PENDING_LINKS = 5;
/** Accounts never activated are deleted after their last link expired, looked for at most this often. */
const PURGE_INTERVAL_MS = 3600_000;

/** Activation tokens are 256 random bits; only their SHA-256 is stored (enough for tokens this strong). */
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A registration that passed every check, its password hashed. */
export interface NewAccount {
  /** Normalised (see email-address.ts). */
  email: string;
  /** Every form an existing account with this address may be stored under (storedEmailForms). */
  emailForms: string[];
  passwordHash: string;
  displayName: string;
  /** What the registering browser said of its user, kept on the account from the first day on. */
  settings: AccountSettings;
}

export interface AccountSettings {
  timeZone?: string;
  language?: Language;
  formatLocale?: FormatLocale;
}

/** The settings a pending activation kept, without the ones it did not (the account's defaults then). */
function settingsOf(link: { timeZone: string | null; language: string | null; formatLocale: string | null }): AccountSettings {
  return {
    ...(link.timeZone && { timeZone: link.timeZone }),
    ...(link.language && { language: link.language as Language }),
    ...(link.formatLocale && { formatLocale: link.formatLocale as FormatLocale }),
  };
}

export interface RegistrationMail {
  mailer: Mailer;
  /** PUBLIC_URL: links in mails start with it. */
  publicUrl: string;
}

/** The reply, as Fastify's thenable: settles once the answer has been sent (or sending it failed). */
export interface Answer {
  then(onSent: () => void, onFailed: (error: Error) => void): void;
}

export type ActivationOutcome = { activated: true; user: User } | { activated: false };

/**
 * Creates accounts. Without a mailer (`mail` null) at once, active, with a 409 for a taken address.
 * With one, the answer is the same for every address and the work that depends on the address
 * (which mail, whether to write the database) is done after it (`acceptByMail`), so that neither
 * the answer nor its timing says whether the address has an account.
 */
export class Registrations {
  /** Work started after an answer, awaited on close so that a shutdown does not cut a mail off. */
  private readonly pending = new Set<Promise<void>>();
  private lastPurge = 0;

  constructor(
    private readonly db: PrismaClient,
    readonly mail: RegistrationMail | null,
  ) {}

  /** Without a mailer: the account, active at once; EmailTakenError when the address has an active one. */
  async createActive(account: NewAccount): Promise<User> {
    const existing = await this.findAccount(account.emailForms);
    if (existing?.activatedAt) throw new EmailTakenError();
    const details = { passwordHash: account.passwordHash, displayName: account.displayName, ...account.settings };
    try {
      if (existing) {
        // Registered while a mailer was configured and never activated: without a mailer nobody can
        // activate it, and nothing was ever in it. Whoever registers now gets it.
        const [, user] = await this.db.$transaction([
          this.db.activationToken.deleteMany({ where: { userId: existing.id } }),
          this.db.user.update({ where: { id: existing.id, activatedAt: null }, data: { ...details, activatedAt: new Date() } }),
        ]);
        return user;
      }
      return await this.db.user.create({ data: { email: account.email, ...details, activatedAt: new Date() } });
    } catch (error) {
      // P2002: registered meanwhile; P2025: activated meanwhile.
      if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === 'P2002' || error.code === 'P2025')) throw new EmailTakenError();
      throw error;
    }
  }

  /**
   * With a mailer, once the answer has been sent (`answered` settles then): a new address gets an
   * account waiting for activation and a mail with its link; one waiting already gets another
   * link; one with an active account a mail to its owner saying someone tried. Failures are logged,
   * never answered: the answer is out already.
   */
  acceptByMail(account: NewAccount, answered: Answer, log: FastifyBaseLogger): void {
    const after = new Promise<void>((resolve) => answered.then(() => resolve(), () => resolve()));
    const work = after
      .then(() => this.completeByMail(account))
      .catch((error: unknown) => log.error({ err: error }, 'registration by mail failed'))
      .then(() => this.purgeNeverActivated())
      .catch((error: unknown) => log.warn({ err: error }, 'deleting accounts never activated failed'));
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async completeByMail(account: NewAccount, attempt = 1): Promise<void> {
    const mail = this.mail;
    if (!mail) throw new Error('registration by mail without a mailer');
    const existing = await this.findAccount(account.emailForms);
    if (existing?.activatedAt) {
      await mail.mailer.send(registrationAttemptMail(existing.email, `${mail.publicUrl}/login`));
      return;
    }
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const link = {
      tokenHash: hashOf(token),
      passwordHash: account.passwordHash,
      displayName: account.displayName,
      timeZone: account.settings.timeZone ?? null,
      language: account.settings.language ?? null,
      formatLocale: account.settings.formatLocale ?? null,
      expiresAt: new Date(now.getTime() + ACTIVATION_TTL_MS),
    };
    try {
      if (existing) {
        await this.db.$transaction([
          this.db.activationToken.deleteMany({ where: { tokenHash: { in: await this.surplusLinks(existing.id, now) } } }),
          this.db.activationToken.create({ data: { ...link, userId: existing.id } }),
        ]);
      } else {
        await this.db.user.create({
          data: {
            email: account.email,
            passwordHash: account.passwordHash,
            displayName: account.displayName,
            ...account.settings,
            activatedAt: null,
            activations: { create: link },
          },
        });
      }
    } catch (error) {
      // Another registration of the address (on any instance) created the account first, or its
      // account was activated or purged meanwhile: look again, once.
      const raced = error instanceof Prisma.PrismaClientKnownRequestError && ['P2002', 'P2003', 'P2025'].includes(error.code);
      if (raced && attempt === 1) return this.completeByMail(account, 2);
      throw error;
    }
    await mail.mailer.send(activationMail(existing?.email ?? account.email, `${mail.publicUrl}/activate?token=${token}`, ACTIVATION_TTL_HOURS));
  }

  /** Hashes of the account's links that are expired, or beyond the newest MAX_PENDING_LINKS - 1 (room for one more). */
  private async surplusLinks(userId: string, now: Date): Promise<string[]> {
    const links = await this.db.activationToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, select: { tokenHash: true, expiresAt: true } });
    return links.filter((link, index) => index >= MAX_PENDING_LINKS - 1 || link.expiresAt <= now).map((link) => link.tokenHash);
  }

  /**
   * Activates the account of a link that works (known, not expired, not used), with the password,
   * name and zone of the registration that sent it; every link of the account goes.
   */
  async activate(token: string, now = new Date()): Promise<ActivationOutcome> {
    const link = await this.db.activationToken.findUnique({ where: { tokenHash: hashOf(token) } });
    if (!link || link.expiresAt <= now) return { activated: false };
    const user = await this.db.$transaction(async (tx) => {
      // Only one of two uses of the link at once deletes it; the other finds nothing.
      const { count } = await tx.activationToken.deleteMany({ where: { tokenHash: link.tokenHash } });
      if (count !== 1) return null;
      const { count: activated } = await tx.user.updateMany({
        where: { id: link.userId, activatedAt: null },
        data: { passwordHash: link.passwordHash, displayName: link.displayName, ...settingsOf(link), activatedAt: now },
      });
      if (activated !== 1) return null;
      await tx.activationToken.deleteMany({ where: { userId: link.userId } });
      return tx.user.findUniqueOrThrow({ where: { id: link.userId } });
    });
    return user ? { activated: true, user } : { activated: false };
  }

  /**
   * Deletes accounts never activated whose links have all expired (and the expired links of
   * accounts waiting). In one transaction: a registration adding a link meanwhile keeps its account.
   * Children are deleted explicitly: SQLite enforces foreign keys only when asked to.
   */
  private async purgeNeverActivated(now = Date.now()): Promise<void> {
    if (now - this.lastPurge < PURGE_INTERVAL_MS) return;
    this.lastPurge = now;
    await this.db.$transaction([
      this.db.activationToken.deleteMany({ where: { expiresAt: { lte: new Date(now) }, user: { activatedAt: null } } }),
      this.db.user.deleteMany({ where: { activatedAt: null, createdAt: { lt: new Date(now - ACTIVATION_TTL_MS) }, activations: { none: {} } } }),
    ]);
  }

  /** The account of an address, under whichever of its forms it is stored (the normalised one first). */
  async findAccount(emailForms: string[]): Promise<User | null> {
    const accounts = await this.db.user.findMany({ where: { email: { in: emailForms } } });
    return emailForms.map((form) => accounts.find((account) => account.email === form)).find((account) => account !== undefined) ?? null;
  }

  /** Waits for the work started after answers (mails in flight), then closes the mailer. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    this.mail?.mailer.close();
  }
}
