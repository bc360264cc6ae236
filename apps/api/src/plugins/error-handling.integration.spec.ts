import { signedInUser, startTestApp, type TestApp } from '../testing/test-app';

describe('errors and edges of the API', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  it('runs against the database this test project names', async () => {
    const [{ engine }] = await app().db.$queryRawUnsafe<{ engine: string }[]>(
      process.env['TEST_DATABASE'] === 'postgresql' ? "SELECT 'postgresql' AS engine WHERE version() LIKE 'PostgreSQL%'" : "SELECT 'sqlite' AS engine WHERE sqlite_version() IS NOT NULL",
    );
    expect(engine).toBe(process.env['TEST_DATABASE']);
  });

  it('answers health to anyone with status and version only', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    // No members' addresses nor process names for a caller without the details token.
    expect(response.json()).toEqual({ status: 'ok', version: testApp.config.version });
  });

  it('adds instance and grid details for the details token, and only for it', async () => {
    const token = 'health-details-token-for-tests';
    const withToken = await startTestApp({ HEALTH_DETAILS_TOKEN: token });
    try {
      const ask = (authorization?: string) =>
        withToken.app.inject({ method: 'GET', url: '/api/health', headers: authorization ? { authorization } : {} });
      for (const wrong of [undefined, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, token]) {
        expect(Object.keys((await ask(wrong)).json()).sort()).toEqual(['status', 'version']);
      }
      expect(Object.keys((await ask(`bearer ${token}`)).json())).toContain('grid'); // the scheme is case-insensitive
      const details = (await ask(`Bearer ${token}`)).json();
      expect(details).toMatchObject({ status: 'ok', instance: 'test-instance' });
      // A single instance is a grid of one member that owns every partition.
      expect(details.grid).toMatchObject({ partitionsOwned: 271, partitionsBackedUp: 0, degraded: false });
      expect(details.grid.members).toEqual([{ id: details.grid.member, address: details.grid.address, coordinator: true }]);
    } finally {
      await withToken.close();
    }
  });

  it('answers malformed JSON with 400 in the common error shape', async () => {
    const response = await app().inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'MALFORMED_JSON' });
  });

  it('refuses a hostile email of 60 KB at once, not after seconds of pattern matching', async () => {
    // Dot-separated runs that end in a second "@": the shape that made a backtracking pattern take seconds.
    const email = `a@${'a.'.repeat(30_000)}@`;
    const started = performance.now();
    const response = await app().inject({ method: 'POST', url: '/api/auth/register', payload: { email, password: 'a long enough password', displayName: 'x' } });
    const elapsedMs = performance.now() - started;
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    // Seconds with the old pattern, about a millisecond now: the bound leaves room for a busy machine.
    expect(elapsedMs).toBeLessThan(1000);
  });

  it('checks email addresses: a dotted domain, no spaces or second @', async () => {
    const attempt = (email: string) => app().inject({ method: 'POST', url: '/api/auth/register', payload: { email, password: 'a long enough password', displayName: '' } });
    // displayName '' fails validation too, so no account is created; only whether email is named matters.
    const named = async (email: string) => JSON.stringify((await attempt(email)).json()).includes('email');
    for (const valid of ['a@b.co', ' Someone.Name+tag@mail.example.org ', 'x@sub.domain.example']) expect(await named(valid), valid).toBe(false);
    for (const invalid of ['a@b', 'a@b..c', 'a@.b.c', 'a b@c.d', 'a@b@c.d', '@b.c', 'a@b.c.']) expect(await named(invalid), invalid).toBe(true);
    // Sign-in looks accounts up under the looser rule they may have been registered with.
    const login = await app().inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b..c', password: 'whatever' } });
    expect(login.statusCode).toBe(401);
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await app().inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'big@example.test', password: 'x'.repeat(100_000), displayName: 'Big' },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('BODY_TOO_LARGE');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await app().inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<email>a</email>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unknown API route with 404 JSON', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('publishes an OpenAPI document that covers the contract', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths).map((path) => path.replace(/\/$/, ''));
    expect(paths).toEqual(
      expect.arrayContaining(['/api/auth/register', '/api/auth/login', '/api/auth/logout', '/api/me', '/api/readings', '/api/health']),
    );
  });

  it('refuses NUL characters in a body, a query or a path with 400, also before sign-in (PostgreSQL cannot store them)', async () => {
    const login = await app().inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a\u0000@example.test', password: 'whatever password' } });
    expect(login.statusCode).toBe(400);
    expect(login.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'email', message: 'must not contain NUL characters' }] });
    const { headers } = await signedInUser(app());
    const note = await app().inject({
      method: 'POST',
      url: '/api/readings',
      headers,
      payload: { takenAt: new Date().toISOString(), value: 100, unit: 'mg/dL', context: 'other', note: 'bro\u0000ken' },
    });
    expect(note.json()).toMatchObject({ statusCode: 400, details: [{ field: 'note' }] });
    expect((await app().inject({ method: 'GET', url: '/api/readings?cursor=%00', headers })).statusCode).toBe(400);
    // The check walks without recursion: 60 KB of nested arrays is a 400 like any wrong body, not a stack overflow.
    const nested = await app().inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '['.repeat(30_000) + ']'.repeat(30_000) });
    expect(nested.statusCode).toBe(400);
    expect((await app().inject({ method: 'GET', url: '/api/readings/%00', headers })).statusCode).toBe(400);
  });

  it('answers a URL the router cannot decode or an overlong path segment in the common error shape', async () => {
    const { headers } = await signedInUser(app());
    const malformed = await app().inject({ method: 'GET', url: '/api/readings/%E0', headers });
    expect(malformed.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'MALFORMED_URL' });
    const overlong = await app().inject({ method: 'GET', url: `/api/readings/${'x'.repeat(101)}`, headers });
    expect(overlong.json()).toMatchObject({ statusCode: 414, error: 'URI Too Long', code: 'URL_TOO_LONG' });
  });

  it('sets security headers', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
