import { createHmac } from 'node:crypto';
import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';

describe('auth API', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ LOGIN_RATE_LIMIT_MAX: '5' });
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  it('registers with a normalised email and never returns the password hash', async () => {
    const response = await app().inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: '  Ada.Lovelace@Example.TEST ', password: 'analytical-engine', displayName: ' Ada ' },
    });
    expect(response.statusCode).toBe(201);
    const { user } = response.json();
    expect(user).toMatchObject({ email: 'ada.lovelace@example.test', displayName: 'Ada', preferredUnit: 'mg/dL' });
    expect(user.targetRange).toEqual({ low: 70, high: 180, unit: 'mg/dL' });
    expect(response.body).not.toMatch(/passwordHash|argon2/);
  });

  it('stores the password as an argon2id hash', async () => {
    const { email } = await signedInUser(app());
    const stored = await app().db.user.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a second account with the same email in any letter case with 409', async () => {
    const { email } = await signedInUser(app());
    const response = await app().inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: email.toUpperCase(), password: 'another password', displayName: 'Copy' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'EMAIL_TAKEN' });
  });

  it.each([
    [{ email: 'not-an-email', password: 'long enough', displayName: 'X' }, 'email'],
    [{ email: 'a@example.test', password: 'short', displayName: 'X' }, 'password'],
    [{ email: 'a@example.test', password: 'long enough' }, 'displayName'],
    [{ email: 'a@example.test', password: 'long enough', displayName: 'X', admin: true }, 'admin'],
  ])('rejects a bad registration %j naming the field %s', async (payload, field) => {
    const response = await app().inject({ method: 'POST', url: '/api/auth/register', payload });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it('signs in with a bearer token that expires, and the profile is reachable with it', async () => {
    const { headers, email } = await signedInUser(app());
    const me = await app().inject({ method: 'GET', url: '/api/me', headers });
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe(email);
  });

  it('answers a wrong password and an unknown email alike, with 401', async () => {
    const { email } = await signedInUser(app());
    const wrongPassword = await app().inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'wrong password' } });
    const unknown = await app().inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.test', password: 'wrong password' },
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknown.json());
  });

  it('refuses the token once the user signed out', async () => {
    const { headers } = await signedInUser(app());
    const logout = await app().inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(logout.statusCode).toBe(204);
    const after = await app().inject({ method: 'GET', url: '/api/me', headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHORIZED');
  });

  it('refuses missing, tampered, foreign-key and alg:none tokens with 401', async () => {
    const { accessToken } = await signedInUser(app());
    const [header, payload] = accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const tampered = `${header}.${encode({ ...claims, sub: 'someone-else' })}.${accessToken.split('.')[2]}`;
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    const foreignBody = `${header}.${payload}`;
    const foreign = `${foreignBody}.${createHmac('sha256', 'another-key').update(foreignBody).digest('base64url')}`;
    for (const authorization of [undefined, 'Bearer nonsense', `Bearer ${tampered}`, `Bearer ${unsigned}`, `Bearer ${foreign}`]) {
      const response = await app().inject({ method: 'GET', url: '/api/me', headers: authorization ? { authorization } : {} });
      expect(response.statusCode, String(authorization)).toBe(401);
      expect(response.json().code).toBe('UNAUTHORIZED');
    }
  });

  it('refuses an expired token', async () => {
    const { user } = await signedInUser(app());
    const session = await app().sessions.open(user.id, undefined, 60);
    const expired = app().jwt.sign({ sub: user.id, sid: session.id }, { expiresIn: -10 });
    const response = await app().inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${expired}` } });
    expect(response.statusCode).toBe(401);
  });

  it('limits guesses at one account spread over many addresses, and many accounts tried from one address', async () => {
    // LOGIN_RATE_LIMIT_MAX is 5 here: 15 per account from any address, 50 per address.
    const guess = (email: string, address: string) =>
      app().inject({ method: 'POST', url: '/api/auth/login', remoteAddress: address, payload: { email, password: 'guessing wrong' } });
    const spread: number[] = [];
    for (let i = 0; i < 16; i++) spread.push((await guess('spread-target@example.test', `127.0.1.${i % 4}`)).statusCode);
    expect(spread.slice(0, 15).every((status) => status === 401)).toBe(true);
    expect(spread[15]).toBe(429);

    const many: number[] = [];
    for (let i = 0; i < 51; i++) many.push((await guess(`account-${i}@example.test`, '127.0.2.1')).statusCode);
    expect(many.slice(0, 50).every((status) => status === 401)).toBe(true);
    expect(many[50]).toBe(429);
  });

  it('rate-limits sign-in attempts for one account with 429 and Retry-After', async () => {
    const email = 'target-of-guessing@example.test';
    const attempt = () => app().inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'guessing wrong' } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    // Another account from the same address is not locked out by it.
    const other = await app().inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'someone-else@example.test', password: 'guessing wrong' },
    });
    expect(other.statusCode).toBe(401);
  });

  it('still limits sign-in, instead of failing it, while the grid is below quorum', async () => {
    // One instance of a cluster that needs two: the grid is degraded and refuses writes.
    const degraded = await startTestApp({ LOGIN_RATE_LIMIT_MAX: '3', GRID_MIN_CLUSTER_SIZE: '2' });
    try {
      expect(degraded.app.grid.degraded).toBe(true);
      const attempt = () =>
        degraded.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'split-brain@example.test', password: 'guessing wrong' } });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt()).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await degraded.close();
    }
  });
});
