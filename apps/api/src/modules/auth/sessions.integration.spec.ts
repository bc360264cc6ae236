import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';

describe('sessions, refresh tokens and password changes', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ LOGIN_RATE_LIMIT_MAX: '50' });
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  async function login(email: string, password: string, userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36') {
    const response = await app().inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'user-agent': userAgent },
      payload: { email, password },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ accessToken: string; refreshToken: string; refreshExpiresIn: number }>();
    return { ...body, headers: { authorization: `Bearer ${body.accessToken}` } };
  }
  const refresh = (refreshToken: string) => app().inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
  const me = (headers: Record<string, string>) => app().inject({ method: 'GET', url: '/api/me', headers });

  it('sign-in issues a short-lived access token and a long-lived, rotating refresh token', async () => {
    const { email, password } = await signedInUser(app());
    const first = await login(email, password);
    expect(first.refreshExpiresIn).toBeGreaterThan(29 * 24 * 3600);
    const rotated = await refresh(first.refreshToken);
    expect(rotated.statusCode).toBe(200);
    const next = rotated.json();
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect(next.expiresIn).toBe(900);
    expect((await me({ authorization: `Bearer ${next.accessToken}` })).statusCode).toBe(200);
    expect((await refresh(next.refreshToken)).statusCode).toBe(200);
    const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    expect(claims(next.accessToken).jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims(next.accessToken).jti).not.toBe(claims(first.accessToken).jti);
    expect(claims(next.accessToken).sid).toBe(claims(first.accessToken).sid);
  });

  it('a refresh token used twice ends the whole session, thief and owner alike', async () => {
    const { email, password } = await signedInUser(app());
    const owner = await login(email, password);
    const stolen = owner.refreshToken;
    const ownerRefresh = (await refresh(owner.refreshToken)).json();
    const replay = await refresh(stolen);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('UNAUTHORIZED');
    expect((await refresh(ownerRefresh.refreshToken)).statusCode).toBe(401);
    expect((await me({ authorization: `Bearer ${ownerRefresh.accessToken}` })).statusCode).toBe(401);
    expect((await me(owner.headers)).statusCode).toBe(401);
  });

  it('of two refreshes racing with one token, exactly one gets new tokens', async () => {
    const { email, password } = await signedInUser(app());
    const { refreshToken } = await login(email, password);
    const statuses = (await Promise.all([refresh(refreshToken), refresh(refreshToken)])).map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 401]);
  });

  it('refuses an unknown refresh token and one of a signed-out session', async () => {
    expect((await refresh('x'.repeat(43))).statusCode).toBe(401);
    const { email, password } = await signedInUser(app());
    const session = await login(email, password);
    await app().inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
  });

  it('lists the user own live sessions with devices, marks the current one, and revokes another', async () => {
    const { email, password } = await signedInUser(app());
    const laptop = await login(email, password);
    const phone = await login(email, password, 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Mobile Safari/604.1');
    const list = (await app().inject({ method: 'GET', url: '/api/auth/sessions', headers: laptop.headers })).json();
    const devices = list.items.map((s: { device: string; current: boolean }) => [s.device, s.current]);
    expect(devices).toEqual(expect.arrayContaining([['Chrome on Linux', true], ['Safari on iOS', false]]));
    const phoneSession = list.items.find((s: { device: string }) => s.device === 'Safari on iOS');

    expect((await app().inject({ method: 'DELETE', url: `/api/auth/sessions/${phoneSession.id}`, headers: laptop.headers })).statusCode).toBe(204);
    expect((await me(phone.headers)).statusCode).toBe(401);
    expect((await refresh(phone.refreshToken)).statusCode).toBe(401);
    expect((await me(laptop.headers)).statusCode).toBe(200);

    const stranger = await signedInUser(app());
    const foreign = await app().inject({ method: 'DELETE', url: `/api/auth/sessions/${phoneSession.id}`, headers: stranger.headers });
    expect(foreign.statusCode).toBe(404);
    const strangerList = (await app().inject({ method: 'GET', url: '/api/auth/sessions', headers: stranger.headers })).json();
    expect(strangerList.items).toHaveLength(1);
  });

  it('signs out everywhere, this session included', async () => {
    const { email, password } = await signedInUser(app());
    const a = await login(email, password);
    const b = await login(email, password);
    expect((await app().inject({ method: 'POST', url: '/api/auth/logout-all', headers: a.headers })).statusCode).toBe(204);
    expect((await me(a.headers)).statusCode).toBe(401);
    expect((await me(b.headers)).statusCode).toBe(401);
    expect((await refresh(b.refreshToken)).statusCode).toBe(401);
  });

  it('a password change keeps this session, ends the others, and needs the current password', async () => {
    const { email, password } = await signedInUser(app());
    const here = await login(email, password);
    const elsewhere = await login(email, password);
    const wrong = await app().inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: here.headers,
      payload: { currentPassword: 'not it at all', newPassword: 'a brand new password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details[0].field).toBe('currentPassword');
    expect((await me(elsewhere.headers)).statusCode).toBe(200);

    const changed = await app().inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: here.headers,
      payload: { currentPassword: password, newPassword: 'a brand new password' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await me(here.headers)).statusCode).toBe(200);
    expect((await me(elsewhere.headers)).statusCode).toBe(401);
    const oldPassword = await app().inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    expect(oldPassword.statusCode).toBe(401);
    await login(email, 'a brand new password');
  });
});
