import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('headers that keep answers private and pages loadable', () => {
  describe('served as configured by default (plain HTTP, no proxy)', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp();
    });
    afterAll(() => testApp.close());

    it('marks every API answer, errors included, as never to be stored', async () => {
      for (const url of ['/api/health', '/api/me', '/api/no-such-route', '/api/%E0%A4%A']) {
        const response = await testApp.app.inject({ method: 'GET', url });
        expect([url, response.headers['cache-control']]).toEqual([url, 'no-store']);
      }
    });

    it('does not send upgrade-insecure-requests or HSTS over plain HTTP (a LAN phone would get a blank page)', async () => {
      const response = await testApp.app.inject({ method: 'GET', url: '/api/health', headers: { host: 'diary.lan:3000' } });
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    });

    it('ignores X-Forwarded-Proto from a client that is not a trusted proxy', async () => {
      const response = await testApp.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    });
  });

  it('behind a trusted proxy that says HTTPS, upgrades insecure requests and sends HSTS', async () => {
    const testApp = await startTestApp({ TRUST_PROXY: '127.0.0.0/8' });
    try {
      const response = await testApp.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      const plain = await testApp.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'http' } });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await testApp.close();
    }
  });

  it('SERVED_OVER_HTTPS=always sends them whatever the request says', async () => {
    const testApp = await startTestApp({ SERVED_OVER_HTTPS: 'always' });
    try {
      const response = await testApp.app.inject({ method: 'GET', url: '/api/health' });
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    } finally {
      await testApp.close();
    }
  });

  it('keeps /api/docs off in production unless API_DOCS=true', async () => {
    const JWT_SECRET = randomBytes(48).toString('base64');
    const production = await startTestApp({ NODE_ENV: 'production', JWT_SECRET });
    try {
      expect((await production.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(404);
    } finally {
      await production.close();
    }
    const enabled = await startTestApp({ NODE_ENV: 'production', JWT_SECRET, API_DOCS: 'true' });
    try {
      expect((await enabled.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(200);
    } finally {
      await enabled.close();
    }
  });
});
