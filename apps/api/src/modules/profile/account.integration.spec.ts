import type { AccountExport } from '@glucodiary/contracts';
import { READING_PAGE_ROWS } from '../readings/reading-pages';
import type { App } from '../../app';
import { signedInUser, startTestApp, startTestCluster, type TestApp, type TestCluster } from '../../testing/test-app';

type Account = Awaited<ReturnType<typeof signedInUser>>;

/** `count` readings a minute apart from 2026-01-01, straight into the database. */
async function addReadings(app: App, userId: string, count: number) {
  const start = Date.parse('2026-01-01T00:00:00Z');
  await app.db.reading.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      userId,
      takenAt: new Date(start + index * 60_000),
      valueMgdl: 80 + (index % 100),
      mealContext: 'other' as const,
      note: index === 0 ? 'first of all' : null,
    })),
  });
}

const deleteAccount = (app: App, account: Account, password: string, remoteAddress?: string) =>
  app.inject({ method: 'DELETE', url: '/api/me', headers: account.headers, payload: { password }, ...(remoteAddress && { remoteAddress }) });

const signIn = (app: App, email: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

describe('account export and deletion', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  it('refuses a deletion with the wrong password (401 INVALID_CREDENTIALS), deletes nothing, and limits attempts per account', async () => {
    const account = await signedInUser(app());
    await addReadings(app(), account.user.id, 3);
    const wrong = await deleteAccount(app(), account, 'not my password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
    expect((await app().inject({ method: 'GET', url: '/api/me', headers: account.headers })).statusCode).toBe(200);
    expect(await app().db.reading.count({ where: { userId: account.user.id } })).toBe(3);
    expect((await signIn(app(), account.email, account.password)).statusCode).toBe(200);

    // LOGIN_RATE_LIMIT_MAX (10) attempts per window for the account, whatever address they come from.
    const max = testApp.config.loginRateLimit.max;
    for (let attempt = 2; attempt <= max; attempt++) {
      expect((await deleteAccount(app(), account, 'still guessing', `127.0.9.${attempt}`)).statusCode).toBe(401);
    }
    const limited = await deleteAccount(app(), account, account.password, '127.0.9.200');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(await app().db.user.count({ where: { id: account.user.id } })).toBe(1);
  });

  it('asks for the password in the body', async () => {
    const account = await signedInUser(app());
    const response = await app().inject({ method: 'DELETE', url: '/api/me', headers: account.headers, payload: {} });
    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((d: { field: string }) => d.field)).toContain('password');
  });

  it('exports everything the account holds, every reading of a diary of several pages, and no secrets', async () => {
    const account = await signedInUser(app());
    const second = await signIn(app(), account.email, account.password);
    const { refreshToken } = second.json<{ refreshToken: string }>();
    const someoneElse = await signedInUser(app());
    const readings = READING_PAGE_ROWS + 321;
    await addReadings(app(), account.user.id, readings);
    await addReadings(app(), someoneElse.user.id, 2);
    const dose = { takenAt: '2026-01-02T08:00:00Z', type: 'insulin', units: 4, insulinKind: 'rapid' };
    for (const who of [account, someoneElse]) {
      expect((await app().inject({ method: 'POST', url: '/api/treatments', headers: who.headers, payload: dose })).statusCode).toBe(201);
    }

    const response = await app().inject({ method: 'GET', url: '/api/me/export', headers: account.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="glucodiary-account-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers['cache-control']).toBe('no-store');

    const exported = response.json<AccountExport>();
    expect(exported).toMatchObject({ format: 'glucodiary-account', version: 1, profile: { id: account.user.id, email: account.email } });
    expect(Date.parse(exported.exportedAt)).not.toBeNaN();
    expect(exported.profile).toMatchObject({ preferredUnit: 'mg/dL', targetRangeMgdl: { low: 70, high: 180 } });
    expect(exported.sessions).toHaveLength(2);
    expect(exported.sessions[0]).toEqual({
      id: expect.any(String),
      device: expect.any(String),
      userAgent: expect.any(String),
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      expiresAt: expect.any(String),
      revokedAt: null,
    });

    expect(exported.treatments).toEqual([expect.objectContaining({ type: 'insulin', units: 4, insulinKind: 'rapid', takenAt: '2026-01-02T08:00:00.000Z' })]);
    expect(exported.readings).toHaveLength(readings);
    expect(new Set(exported.readings.map((reading) => reading.id)).size).toBe(readings);
    const times = exported.readings.map((reading) => Date.parse(reading.takenAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(exported.readings[0]).toMatchObject({ takenAt: '2026-01-01T00:00:00.000Z', valueMgdl: 80, context: 'other', note: 'first of all' });
    expect(exported.readings.at(-1)?.valueMgdl).toBe(80 + ((readings - 1) % 100));

    const user = await app().db.user.findUniqueOrThrow({ where: { id: account.user.id } });
    const tokenHashes = await app().db.refreshToken.findMany({ where: { session: { userId: account.user.id } }, select: { tokenHash: true } });
    expect(tokenHashes.length).toBeGreaterThan(0);
    for (const secret of [user.passwordHash, account.password, account.accessToken, refreshToken, ...tokenHashes.map((row) => row.tokenHash)]) {
      expect(response.body).not.toContain(secret);
    }
    expect(response.body).not.toMatch(/passwordHash|tokenHash|refreshToken|importKey/);
    expect(response.body).not.toContain(someoneElse.user.id);
  });
});

describe('account deletion on a cluster', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster(2);
  });
  afterAll(() => cluster.close());
  const instance = (index: number) => cluster.instances[index]!.app;

  it('removes every record of the account, ends its sessions on every instance, and frees the email', async () => {
    const account = await signedInUser(instance(0));
    const otherDevice = (await signIn(instance(1), account.email, account.password)).json<{ accessToken: string; refreshToken: string }>();
    const otherHeaders = { authorization: `Bearer ${otherDevice.accessToken}` };
    const someoneElse = await signedInUser(instance(0));
    await addReadings(instance(0), account.user.id, 5);
    await addReadings(instance(0), someoneElse.user.id, 4);
    // Both tokens are known live on both instances (held in each member's memory).
    for (const index of [0, 1]) {
      for (const headers of [account.headers, otherHeaders]) {
        expect((await instance(index).inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
      }
    }

    const deleted = await deleteAccount(instance(0), account, account.password);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');

    for (const index of [1, 0]) {
      for (const headers of [account.headers, otherHeaders]) {
        const refused = await instance(index).inject({ method: 'GET', url: '/api/me', headers });
        expect(refused.statusCode, `instance ${index}`).toBe(401);
        expect(refused.json().code).toBe('UNAUTHORIZED');
      }
    }
    const refreshed = await instance(1).inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: otherDevice.refreshToken } });
    expect(refreshed.statusCode).toBe(401);

    const db = instance(0).db;
    expect(await db.user.count({ where: { id: account.user.id } })).toBe(0);
    expect(await db.reading.count({ where: { userId: account.user.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: account.user.id } })).toBe(0);
    expect(await db.refreshToken.count({ where: { session: { userId: account.user.id } } })).toBe(0);

    for (const index of [0, 1]) {
      const refused = await signIn(instance(index), account.email, account.password);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().code).toBe('INVALID_CREDENTIALS');
    }

    // Someone else's account is untouched.
    expect((await instance(1).inject({ method: 'GET', url: '/api/me', headers: someoneElse.headers })).statusCode).toBe(200);
    expect(await db.reading.count({ where: { userId: someoneElse.user.id } })).toBe(4);

    // The email can register again, as a new, empty account.
    const again = await signedInUser(instance(1), { email: account.email, password: 'a brand new password' });
    expect(again.user.id).not.toBe(account.user.id);
    expect(await db.reading.count({ where: { userId: again.user.id } })).toBe(0);
  });
});
