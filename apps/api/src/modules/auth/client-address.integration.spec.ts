import { startTestApp, type TestApp } from '../../testing/test-app';

/** Sign-in limits behind a load balancer at 10.0.0.2: one attempt per client and account here. */
describe('sign-in limits count clients, not the proxy in front of them', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  async function attempts(env: Record<string, string>, clients: string[]) {
    const testApp = await startTestApp({ LOGIN_RATE_LIMIT_MAX: '1', ...env });
    apps.push(testApp);
    const statuses: number[] = [];
    for (const client of clients) {
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': client },
        payload: { email: 'someone@example.test', password: 'guessing wrong' },
      });
      statuses.push(response.statusCode);
    }
    return statuses;
  }

  it('with TRUST_PROXY, each client behind the proxy has its own limit; IPv6 clients by their /64', async () => {
    expect(await attempts({ TRUST_PROXY: '10.0.0.2' }, ['192.0.2.1', '192.0.2.2', '192.0.2.1'])).toEqual([401, 401, 429]);
    expect(await attempts({ TRUST_PROXY: '10.0.0.0/8' }, ['2001:db8:1:1::1', '2001:db8:1:1::2', '2001:db8:1:2::1'])).toEqual([401, 429, 401]);
  });

  it('without it, X-Forwarded-For is not believed: a client cannot pick a fresh address per attempt', async () => {
    expect(await attempts({}, ['192.0.2.1', '192.0.2.2'])).toEqual([401, 429]);
  });
});
