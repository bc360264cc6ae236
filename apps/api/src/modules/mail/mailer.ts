import { createTransport, type Transporter } from 'nodemailer';
import type { MailConfig } from '../../core/config';

/** One plain-text mail to one person. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** What the routes send mail through; a fake in a test, SMTP in the product. */
export interface Mailer {
  /** Resolves once the SMTP server took the mail; rejects with a MailDeliveryError otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Why a mail was not taken, told without what could be secret or personal: the SMTP server's
 * reply and error messages may quote the recipient or the login, so only codes are kept.
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  constructor(
    /** nodemailer's code, e.g. EAUTH, ECONNECTION, ETIMEDOUT, EENVELOPE. */
    readonly code: string | undefined,
    /** The SMTP reply code, e.g. 535 or 550. */
    readonly responseCode: number | undefined,
    /** The SMTP command that failed, e.g. AUTH PLAIN or RCPT TO. */
    readonly command: string | undefined,
  ) {
    super(`mail not sent: ${[code, responseCode, command].filter((part) => part !== undefined).join(' ') || 'unknown error'}`);
  }
}

/** Short enough that a broken SMTP server does not pile up pending sends. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Sends through the SMTP server of SMTP_URL with nodemailer, a connection per mail (registrations
 * are rare). nodemailer's own logging stays off: it would write the messages, links included.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(private readonly config: Pick<MailConfig, 'smtpUrl' | 'from'>) {
    this.transport = createTransport({ url: config.smtpUrl, ...TIMEOUTS, logger: false, debug: false });
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.config.from, to: message.to, subject: message.subject, text: message.text });
    } catch (error) {
      const { code, responseCode, command } = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
      throw new MailDeliveryError(
        typeof code === 'string' ? code : undefined,
        typeof responseCode === 'number' ? responseCode : undefined,
        // "AUTH PLAIN" names the mechanism only; a command with an argument may carry an address.
        typeof command === 'string' ? command.split(' ').slice(0, 2).join(' ').replace(/:.*$/, '') : undefined,
      );
    }
  }

  close(): void {
    this.transport.close();
  }
}
