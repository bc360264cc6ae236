import { signedInUser, startTestCluster, type TestCluster } from '../../testing/test-app';

const DETAILS_TOKEN = 'sessions-cluster-health-token';

describe('sessions across API instances (one grid, one database)', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster(3, { HEALTH_DETAILS_TOKEN: DETAILS_TOKEN });
  });
  afterAll(() => cluster.close());
  const instance = (index: number) => cluster.instances[index]!.app;

  it('the instances form one grid cluster', async () => {
    for (let i = 0; i < 3; i++) {
      const health = (
        await instance(i).inject({ method: 'GET', url: '/api/health', headers: { authorization: `Bearer ${DETAILS_TOKEN}` } })
      ).json();
      expect(health.grid.members).toHaveLength(3);
      expect(health.grid.degraded).toBe(false);
    }
  });

  it('a token issued by one instance works on every other', async () => {
    const { headers } = await signedInUser(instance(0));
    for (let i = 0; i < 3; i++) {
      expect((await instance(i).inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
    }
  });

  it('a sign-out on one instance is refused on the others the moment it returns', async () => {
    const { headers } = await signedInUser(instance(0));
    for (let i = 0; i < 3; i++) await instance(i).inject({ method: 'GET', url: '/api/me', headers });
    expect((await instance(1).inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
    for (const i of [0, 2, 1]) {
      const response = await instance(i).inject({ method: 'GET', url: '/api/me', headers });
      expect(response.statusCode, `instance ${i}`).toBe(401);
      expect(response.json().code).toBe('UNAUTHORIZED');
    }
  });
});

describe('sign-in rate limit across instances', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster(2, { LOGIN_RATE_LIMIT_MAX: '5' }, { loginThrottle: { baseDelayMs: 300, maxDelayMs: 600, maxWaitMs: 1_000 } });
  });
  afterAll(() => cluster.close());

  it('counts attempts on every instance against one limit', async () => {
    const attempt = (index: number) =>
      cluster.instances[index]!.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'spread-out@example.test', password: 'guessing wrong' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(i % 2)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    for (const index of [0, 1]) {
      const limited = await attempt(index);
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
    }
  });

  it('slows an account down on every instance once failures on any instance used up its free attempts', async () => {
    // LOGIN_RATE_LIMIT_MAX is 5: 15 failures per account are free, from any address on any instance.
    const attempt = (index: number, address: string) => {
      const started = performance.now();
      return cluster.instances[index]!.app
        .inject({ method: 'POST', url: '/api/auth/login', remoteAddress: address, payload: { email: 'throttled@example.test', password: 'guessing wrong' } })
        .then((response) => ({ status: response.statusCode, ms: performance.now() - started }));
    };
    for (let i = 0; i < 15; i++) expect((await attempt(0, `127.0.7.${i % 4}`)).status).toBe(401);
    // Instance 0 took them all; on instance 1 the next attempt but one waits a doubled slot (600 ms).
    expect((await attempt(1, '127.0.7.10')).status).toBe(401);
    const next = await attempt(1, '127.0.7.11');
    expect(next.status).toBe(401);
    expect(next.ms).toBeGreaterThanOrEqual(300);
  });
});
