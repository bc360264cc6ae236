import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as the SMTP server took it, its text decoded. */
export interface ReceivedMail {
  /** RCPT TO addresses. */
  to: string[];
  subject: string;
  /** The body, decoded from its transfer encoding (quoted-printable or base64). */
  text: string;
  raw: string;
}

export interface TestMailServer {
  /** SMTP_URL for the app: smtp://user:password@127.0.0.1:port. */
  url: string;
  /** SMTP_URL with a wrong password. */
  urlWithWrongPassword: string;
  password: string;
  received: ReceivedMail[];
  /** The server holds its reply to each mail's data this long (a slow SMTP server). */
  replyDelayMs: number;
  /** The next mail to `to` (taken from `received`, so each is returned once), waiting up to `timeoutMs`. */
  next(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  /** Whether a mail to `to` arrives within `ms` (one that does is taken from `received`). */
  arrives(to: string, ms: number): Promise<boolean>;
  close(): Promise<void>;
}

const USER = 'glucodiary';
const PASSWORD = 'smtp-secret-4b9f2c7e';

/** A real SMTP server on loopback (any free port) that requires a login and keeps every mail it is sent. */
export async function startTestMailServer(): Promise<TestMailServer> {
  const received: ReceivedMail[] = [];
  const waiting = new Set<() => void>();
  const state = { replyDelayMs: 0 };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((rcpt) => rcpt.address)));
        for (const wake of [...waiting]) wake();
        setTimeout(() => callback(), state.replyDelayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();

  const take = (to: string) => {
    const index = received.findIndex((mail) => mail.to.includes(to));
    return index === -1 ? undefined : received.splice(index, 1)[0];
  };
  function arrival(to: string, ms: number): Promise<ReceivedMail | undefined> {
    return new Promise((resolve) => {
      const check = () => {
        const mail = take(to);
        if (!mail) return;
        finish(mail);
      };
      const timer = setTimeout(() => finish(undefined), ms);
      const finish = (mail: ReceivedMail | undefined) => {
        clearTimeout(timer);
        waiting.delete(check);
        resolve(mail);
      };
      waiting.add(check);
      check();
    });
  }

  return {
    url: `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    urlWithWrongPassword: `smtp://${USER}:not-the-password-91d3@127.0.0.1:${port}`,
    password: PASSWORD,
    received,
    get replyDelayMs() {
      return state.replyDelayMs;
    },
    set replyDelayMs(ms: number) {
      state.replyDelayMs = ms;
    },
    async next(to, timeoutMs = 10_000) {
      const mail = await arrival(to, timeoutMs);
      if (!mail) throw new Error(`no mail to ${to} within ${timeoutMs} ms (received: ${received.map((m) => m.to.join(',')).join('; ') || 'none'})`);
      return mail;
    },
    async arrives(to, ms) {
      return (await arrival(to, ms)) !== undefined;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Headers and a single-part text body, as nodemailer writes a text-only mail. */
function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return { to, subject: header('Subject'), text, raw };
}

/** Soft line breaks ("=" at a line's end) joined, "=3D" and the like turned back into bytes, read as UTF-8. */
function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The token of the activation link in a mail's text (throws when there is none). */
export function activationTokenIn(mail: ReceivedMail, publicUrl: string): string {
  const escaped = publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const token = new RegExp(`${escaped}/activate\\?token=([A-Za-z0-9_-]+)`).exec(mail.text)?.[1];
  if (!token) throw new Error(`no activation link in the mail:\n${mail.text}`);
  return token;
}
