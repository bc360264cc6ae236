import { Writable } from 'node:stream';
import { activationTokenIn, startTestMailServer, type TestMailServer } from '../../testing/mail-server';
import { startTestApp, type TestApp } from '../../testing/test-app';

const PUBLIC_URL = 'https://diary.example.test';
const PASSWORD = 'violet tractor umbrella';

let counter = 0;
/** A fresh address, unique across runs of this file on one database. */
const freshEmail = (label: string) => `${label}.${Date.now()}.${++counter}@example.test`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Log lines the app writes, as one text (to look for what must never be in it). */
function logCollector() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => lines.join('') };
}

describe('registration with a mailer (SMTP_URL)', () => {
  let mail: TestMailServer;
  let testApp: TestApp;
  const logs = logCollector();
  /** Every activation token a mail carried: none may ever be logged. */
  const tokensSeen: string[] = [];

  beforeAll(async () => {
    mail = await startTestMailServer();
    testApp = await startTestApp(
      {
        SMTP_URL: mail.url,
        MAIL_FROM: 'GlucoDiary Test <no-reply@diary.example.test>',
        PUBLIC_URL: `${PUBLIC_URL}/`,
        // The product's work factor: hashing dominates a registration, as in production, so that
        // skipping it for one kind of address would show in the timing test.
        PASSWORD_HASH_MEMORY_KIB: '19456',
        LOGIN_RATE_LIMIT_MAX: '50',
      },
      { logStream: logs.stream },
    );
  });
  afterAll(async () => {
    await testApp?.close();
    await mail?.close();
  });
  const app = () => testApp.app;

  const register = (email: string, password = PASSWORD, displayName = 'Ada') =>
    app().inject({ method: 'POST', url: '/api/auth/register', payload: { email, password, displayName } });
  const signIn = (email: string, password = PASSWORD) => app().inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const activate = (token: string) => app().inject({ method: 'POST', url: '/api/auth/activate', payload: { token } });

  async function linkFor(email: string): Promise<string> {
    const received = await mail.next(email);
    expect(received.subject).toBe('Activate your GlucoDiary account');
    const token = activationTokenIn(received, PUBLIC_URL);
    tokensSeen.push(token);
    return token;
  }

  /** An account registered, activated through its mail, ready to sign in. */
  async function activeAccount(email = freshEmail('owner')) {
    expect((await register(email)).statusCode).toBe(202);
    expect((await activate(await linkFor(email))).statusCode).toBe(200);
    return email;
  }

  it('answers a new and a taken address with the same 202 and the same body', async () => {
    const taken = await activeAccount();
    const fresh = freshEmail('new');
    const forNew = await register(fresh);
    const forTaken = await register(taken, 'another violet tractor', 'Someone else');
    expect(forNew.statusCode).toBe(202);
    expect(forTaken.statusCode).toBe(202);
    expect(forTaken.body).toBe(forNew.body);
    expect(forNew.json()).toEqual({ status: 'activation-sent', message: expect.stringContaining('Check your inbox') });
    // The same headers too, besides the ones that differ for every answer.
    const headers = (response: typeof forNew) =>
      Object.fromEntries(Object.entries(response.headers).filter(([name]) => name !== 'date' && !name.startsWith('x-ratelimit')));
    expect(headers(forTaken)).toEqual(headers(forNew));
    await linkFor(fresh);
    await mail.next(taken);
  });

  it('takes as long for a taken address as for a new one (medians of interleaved runs)', async () => {
    const taken = await activeAccount();
    await register(freshEmail('warm-up')); // the password estimator's dictionaries load on first use
    const times = { fresh: [] as number[], taken: [] as number[] };
    const freshAddresses: string[] = [];
    for (let round = 0; round < 5; round++) {
      for (const kind of round % 2 ? (['taken', 'fresh'] as const) : (['fresh', 'taken'] as const)) {
        const email = kind === 'taken' ? taken : freshEmail('timed');
        if (kind === 'fresh') freshAddresses.push(email);
        const started = performance.now();
        const response = await register(email);
        times[kind].push(performance.now() - started);
        expect(response.statusCode).toBe(202);
      }
    }
    const ratio = median(times.taken) / median(times.fresh);
    // Hashing is most of the work; an answer that skipped it for a taken address would take a
    // fraction of the time (about a fifth here). Generous bounds: the machine is shared.
    expect(ratio, `medians: taken ${median(times.taken).toFixed(1)} ms, new ${median(times.fresh).toFixed(1)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
    for (const email of freshAddresses) await linkFor(email);
    for (let round = 0; round < 5; round++) await mail.next(taken);
  });

  it('answers before the mail is sent: a slow SMTP server does not slow the answer', async () => {
    mail.replyDelayMs = 3_000;
    try {
      const email = freshEmail('slow-smtp');
      const started = performance.now();
      const response = await register(email);
      const answeredAfter = performance.now() - started;
      expect(response.statusCode).toBe(202);
      expect(answeredAfter).toBeLessThan(2_000);
      await linkFor(email);
    } finally {
      mail.replyDelayMs = 0;
    }
  });

  it('mails a new address a link that activates the account; before that, sign-in is refused like a wrong password', async () => {
    const email = freshEmail('ada');
    expect((await register(email)).statusCode).toBe(202);
    const token = await linkFor(email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const stored = await app().db.user.findUniqueOrThrow({ where: { email }, include: { activations: true } });
    expect(stored.activatedAt).toBeNull();
    expect(stored.activations).toHaveLength(1);
    expect(stored.activations[0]?.tokenHash).not.toContain(token); // only a hash is stored
    const validFor = (stored.activations[0]?.expiresAt.getTime() ?? 0) - Date.now();
    expect(validFor).toBeGreaterThan(23.9 * 3600_000);
    expect(validFor).toBeLessThanOrEqual(24 * 3600_000);

    const early = await signIn(email);
    const wrong = await signIn(email, 'not the password at all');
    expect(early.statusCode).toBe(401);
    expect(early.json()).toEqual(wrong.json());
    expect(early.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });

    const activated = await activate(token);
    expect(activated.statusCode).toBe(200);
    // The address, for the sign-in form the page leads to (whoever holds the link has the mail it came in).
    expect(activated.json()).toEqual({ status: 'activated', email, message: expect.stringContaining('Sign in') });
    const signedIn = await signIn(email);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user).toMatchObject({ email, displayName: 'Ada' });
  });

  it('activates the account with the language and formats the registering page was in', async () => {
    const email = freshEmail('deutsch');
    const registered = await app().inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email, password: PASSWORD, displayName: 'Ada', language: 'de', formatLocale: 'de-CH' },
    });
    expect(registered.statusCode).toBe(202);
    expect((await activate(await linkFor(email))).statusCode).toBe(200);
    expect((await signIn(email)).json().user).toMatchObject({ language: 'de', formatLocale: 'de-CH' });
  });

  it('mails the owner of a taken address a notice, creates nothing and changes nothing', async () => {
    const email = await activeAccount();
    const before = await app().db.user.findUniqueOrThrow({ where: { email } });
    expect((await register(email, 'kettle saxophone lagoon', 'Mallory')).statusCode).toBe(202);
    const notice = await mail.next(email);
    expect(notice.subject).toBe('Someone tried to create a GlucoDiary account with your address');
    expect(notice.text).toContain('nothing was created');
    expect(notice.text).toContain(`${PUBLIC_URL}/login`);
    expect(notice.text).not.toMatch(/activate\?token=/);
    expect(notice.text).not.toContain('Mallory'); // nothing the registering person typed reaches the owner
    expect(notice.raw).toMatch(/^From: GlucoDiary Test <no-reply@diary\.example\.test>/m);
    const after = await app().db.user.findUniqueOrThrow({ where: { email }, include: { activations: true } });
    expect(after.activations).toEqual([]);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect((await signIn(email, 'kettle saxophone lagoon')).statusCode).toBe(401);
    expect((await signIn(email)).statusCode).toBe(200);
  });

  it('sends a waiting address a fresh link; each link activates with the password of the registration that sent it, once', async () => {
    const email = freshEmail('twice');
    expect((await register(email, 'first violet tractor')).statusCode).toBe(202);
    const first = await linkFor(email);
    expect((await register(email, 'second violet tractor')).statusCode).toBe(202);
    const second = await linkFor(email);
    expect(second).not.toBe(first);
    expect(await app().db.user.count({ where: { email } })).toBe(1);

    // Someone registering a waiting address with their own password cannot set the owner's: the
    // first link still activates with the first password.
    expect((await activate(first)).statusCode).toBe(200);
    expect((await signIn(email, 'second violet tractor')).statusCode).toBe(401);
    expect((await signIn(email, 'first violet tractor')).statusCode).toBe(200);
    // Every other link of the account is void now.
    const again = await activate(second);
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'ACTIVATION_LINK_INVALID' });
  });

  it('refuses a used, an expired and a made-up token with 400 ACTIVATION_LINK_INVALID', async () => {
    const used = freshEmail('used');
    await register(used);
    const usedToken = await linkFor(used);
    expect((await activate(usedToken)).statusCode).toBe(200);

    const expired = freshEmail('expired');
    await register(expired);
    const expiredToken = await linkFor(expired);
    const user = await app().db.user.findUniqueOrThrow({ where: { email: expired } });
    await app().db.activationToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    for (const token of [usedToken, expiredToken, 'garbage', 'A'.repeat(43)]) {
      const response = await activate(token);
      expect(response.statusCode, token).toBe(400);
      expect(response.json()).toMatchObject({ statusCode: 400, code: 'ACTIVATION_LINK_INVALID', message: expect.stringContaining('Register again') });
    }
    expect((await app().db.user.findUniqueOrThrow({ where: { email: expired } })).activatedAt).toBeNull();
    expect((await signIn(expired)).statusCode).toBe(401);
    // Registering again gives a link that works.
    expect((await register(expired)).statusCode).toBe(202);
    expect((await activate(await linkFor(expired))).statusCode).toBe(200);
    expect((await signIn(expired)).statusCode).toBe(200);
  });

  it.each([
    ['a Cyrillic "а" in the domain', 'ada@gm\u0430il.com'],
    ['the same domain written as punycode', 'ada@xn--gmil-63d.com'],
    ['a Greek "ο" among Latin letters', 'ada@g\u03bfogle.com'],
    ['an accented letter before the @', 'j\u00f6rg@example.test'],
    ['a Cyrillic letter before the @', '\u0430da@example.test'],
  ])('refuses an address with %s: 400 naming the email, nothing mailed', async (_what, email) => {
    const response = await register(email);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'email', message: expect.any(String) }] });
    expect(await mail.arrives(email, 300)).toBe(false);
  });

  it('takes fullwidth letters as the same address (NFKC): the owner gets the notice and signs in with either form', async () => {
    const email = await activeAccount(freshEmail('wide'));
    const fullwidth = [...email].map((c) => (/[a-z]/.test(c) ? String.fromCodePoint((c.codePointAt(0) ?? 0) - 0x61 + 0xff41) : c)).join('');
    expect(fullwidth).not.toBe(email);
    expect((await register(fullwidth.toUpperCase())).statusCode).toBe(202);
    const notice = await mail.next(email);
    expect(notice.subject).toMatch(/Someone tried/);
    expect(await app().db.user.count({ where: { email: { in: [email, fullwidth] } } })).toBe(1);
    expect((await signIn(fullwidth)).statusCode).toBe(200);
  });

  it('stores an internationalised domain in its ASCII form and mails that address', async () => {
    const email = `${freshEmail('idn').split('@')[0]}@ex\u00e4mple.test`;
    const ascii = email.replace('ex\u00e4mple.test', 'xn--exmple-cua.test');
    expect((await register(email)).statusCode).toBe(202);
    // The test server reports recipients with their domain in Unicode; the mail was written to the ASCII form.
    const received = await mail.next(email);
    expect(received.raw).toMatch(new RegExp(`^To: ${ascii.replaceAll('.', '\\.')}\r?$`, 'm'));
    expect((await app().db.user.findUniqueOrThrow({ where: { email: ascii } })).activatedAt).toBeNull();
    expect((await activate(activationTokenIn(received, PUBLIC_URL))).statusCode).toBe(200);
    expect((await signIn(email)).statusCode).toBe(200);
    expect((await signIn(ascii)).statusCode).toBe(200);
  });

  it('never logs a link, a token or the SMTP password, also when the link is opened in the browser', async () => {
    const email = freshEmail('logged');
    await register(email);
    const token = await linkFor(email);
    // The web app's page is what the link opens: its URL reaches the server's request log.
    await app().inject({ method: 'GET', url: `/activate?token=${token}` });
    await activate(token);
    expect(tokensSeen.length).toBeGreaterThan(0);
    const text = logs.text();
    expect(text).toContain('"url":"/activate?token=[Redacted]"'); // the page's request was logged, without its token
    expect(text).toContain('account activated');
    for (const seen of tokensSeen) expect(text).not.toContain(seen);
    expect(text).not.toContain(mail.password);
  });
});

describe('registration with a mailer that refuses the login', () => {
  let mail: TestMailServer;
  let testApp: TestApp;
  const logs = logCollector();
  beforeAll(async () => {
    mail = await startTestMailServer();
    testApp = await startTestApp({ SMTP_URL: mail.urlWithWrongPassword, PUBLIC_URL }, { logStream: logs.stream });
  });
  afterAll(async () => {
    await testApp?.close();
    await mail?.close();
  });

  it('still answers 202, and logs the failure without the password or the address', async () => {
    const email = freshEmail('unsent');
    const response = await testApp.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email, password: PASSWORD, displayName: 'Ada' } });
    expect(response.statusCode).toBe(202);
    await vi.waitFor(() => expect(logs.text()).toContain('registration by mail failed'), { timeout: 10_000 });
    const text = logs.text();
    expect(text).toContain('EAUTH');
    expect(text).not.toContain('not-the-password-91d3');
    expect(text).not.toContain(email);
  });
});

describe('registration without a mailer (the embedded default)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ LOGIN_RATE_LIMIT_MAX: '50' });
  });
  afterAll(() => testApp?.close());
  const register = (email: string) =>
    testApp.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email, password: PASSWORD, displayName: 'Ada' } });

  it('answers 201 with the account, active at once, and 409 for a taken address in any form', async () => {
    const email = freshEmail('plain');
    const created = await register(email);
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({ email });
    const signedIn = await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
    expect(signedIn.statusCode).toBe(200);
    for (const again of [email, email.toUpperCase(), ` ${email.replace('plain', '\uff50\uff4c\uff41\uff49\uff4e')} `]) {
      const taken = await register(again);
      expect(taken.statusCode, again).toBe(409);
      expect(taken.json()).toMatchObject({ code: 'EMAIL_TAKEN' });
    }
  });

  it('refuses look-alike addresses here too, and has no activation to offer', async () => {
    const response = await register('ada@gm\u0430il.com');
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([{ field: 'email', message: expect.stringContaining('mixes alphabets') }]);
    expect((await testApp.app.inject({ method: 'POST', url: '/api/auth/activate', payload: { token: 'A'.repeat(43) } })).statusCode).toBe(400);
  });

  it('gives an account left waiting for activation (the mailer since removed) to whoever registers its address', async () => {
    const email = freshEmail('orphan');
    await testApp.app.db.user.create({
      data: {
        email,
        passwordHash: 'not a hash',
        displayName: 'Waiting',
        activatedAt: null,
        activations: { create: { tokenHash: 'h'.repeat(64), passwordHash: 'not a hash', displayName: 'Waiting', expiresAt: new Date(Date.now() + 3600_000) } },
      },
    });
    const created = await register(email);
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({ email, displayName: 'Ada' });
    expect(await testApp.app.db.activationToken.count({ where: { user: { email } } })).toBe(0);
    expect((await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } })).statusCode).toBe(200);
  });

  it('still signs in an account stored under the form addresses had before normalisation', async () => {
    // As registered before NFKC and IDNA: trimmed and lower-cased only.
    const legacy = `old.${Date.now()}@ex\u00e4mple.test`;
    const created = await register(freshEmail('model'));
    const model = await testApp.app.db.user.findUniqueOrThrow({ where: { id: created.json().user.id } });
    await testApp.app.db.user.update({ where: { id: model.id }, data: { email: legacy } });
    const signedIn = await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: legacy.toUpperCase(), password: PASSWORD } });
    expect(signedIn.statusCode).toBe(200);
    // And the address stays taken.
    expect((await register(legacy)).statusCode).toBe(409);
  });
});
