import type { LightMyRequestResponse } from 'fastify';
import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';

/** A browser's sign-in: the refresh token only in an HttpOnly cookie, scoped to the refresh endpoint. */
describe('the refresh token of a browser lives in an HttpOnly cookie', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ LOGIN_RATE_LIMIT_MAX: '50' });
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  // light-my-request answers as host "localhost:80" over http.
  const SITE = 'http://localhost:80';

  const refreshCookieOf = (response: LightMyRequestResponse) => response.cookies.find((cookie) => cookie.name === 'glucodiary_refresh');

  async function browserSignIn(headers: Record<string, string> = { origin: SITE }) {
    const { email, password } = await signedInUser(app());
    const response = await app().inject({ method: 'POST', url: '/api/auth/login', headers, payload: { email, password } });
    expect(response.statusCode).toBe(200);
    return response;
  }
  /** `origin: null` sends none. */
  const refreshWithCookie = (value: string, origin: string | null = SITE) =>
    app().inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { ...(origin !== null && { origin }) },
      cookies: { glucodiary_refresh: value },
      payload: {},
    });
  const me = (accessToken: string) => app().inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${accessToken}` } });

  it('sign-in from a page sets the cookie (HttpOnly, SameSite=Strict, refresh path only) and leaves the token out of the body', async () => {
    const response = await browserSignIn();
    expect(response.json()).not.toHaveProperty('refreshToken');
    const cookie = refreshCookieOf(response);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth/refresh' });
    expect(cookie!.value.length).toBeGreaterThanOrEqual(20);
    expect(cookie!.maxAge).toBeGreaterThan(29 * 24 * 3600);
    expect(cookie!.secure).toBeFalsy(); // plain HTTP: a Secure cookie would be dropped by the browser
  });

  it('the cookie is exchanged for a new access token and a new cookie; the old one then ends the session', async () => {
    const first = refreshCookieOf(await browserSignIn())!.value;
    const renewed = await refreshWithCookie(first);
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json()).not.toHaveProperty('refreshToken');
    const next = refreshCookieOf(renewed)!.value;
    expect(next).not.toBe(first);
    expect((await me(renewed.json().accessToken)).statusCode).toBe(200);

    const replay = await refreshWithCookie(first); // a copied cookie used again: the whole session ends
    expect(replay.statusCode).toBe(401);
    expect(refreshCookieOf(replay)).toMatchObject({ value: '', path: '/api/auth/refresh' }); // and the browser drops it
    expect((await refreshWithCookie(next)).statusCode).toBe(401);
  });

  it('refuses the cookie from another site, or without an Origin, with 403 and the API error shape', async () => {
    const cookie = refreshCookieOf(await browserSignIn())!.value;
    for (const origin of ['https://evil.example', 'http://localhost:8080', 'null', null]) {
      const refused = await refreshWithCookie(cookie, origin);
      expect(refused.statusCode, String(origin)).toBe(403);
      expect(refused.json()).toMatchObject({ statusCode: 403, code: 'ORIGIN_REFUSED' });
    }
    expect((await refreshWithCookie(cookie)).statusCode).toBe(200); // the refusals did not use it up
  });

  it('a refresh without a cookie or a token is a 401, not a 500', async () => {
    const response = await app().inject({ method: 'POST', url: '/api/auth/refresh', headers: { origin: SITE }, payload: {} });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('UNAUTHORIZED');
  });

  it('sign-out clears the cookie, and the cookie no longer works', async () => {
    const signIn = await browserSignIn();
    const cookie = refreshCookieOf(signIn)!.value;
    const out = await app().inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: SITE, authorization: `Bearer ${signIn.json().accessToken}` },
    });
    expect(out.statusCode).toBe(204);
    expect(refreshCookieOf(out)).toMatchObject({ value: '', path: '/api/auth/refresh' });
    expect((await refreshWithCookie(cookie)).statusCode).toBe(401);
  });

  it('is Secure when the app is served over HTTPS (behind a trusted proxy)', async () => {
    const behindProxy = await startTestApp({ TRUST_PROXY: '127.0.0.1' });
    try {
      const { email, password } = await signedInUser(behindProxy.app);
      const response = await behindProxy.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: 'https://diary.example', host: 'diary.example', 'x-forwarded-proto': 'https' },
        payload: { email, password },
      });
      expect(response.statusCode).toBe(200);
      expect(refreshCookieOf(response)).toMatchObject({ secure: true, httpOnly: true });
    } finally {
      await behindProxy.close();
    }
  });

  it('a client without an Origin (a phone app, a script) keeps getting and sending the token in the body, and no cookie', async () => {
    const response = await browserSignIn({});
    expect(refreshCookieOf(response)).toBeUndefined();
    const { refreshToken } = response.json<{ refreshToken: string }>();
    const renewed = await app().inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json().refreshToken).toEqual(expect.any(String));
  });
});
