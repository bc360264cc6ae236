import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { accessTokenInterceptor, sessionEndedInterceptor } from './auth.interceptors';
import { AuthStore, RELOAD_PAGE, SESSION_STORAGE, STORAGE_KEY } from './auth.store';
import { login, memoryStorage } from './auth.testing';

/** A signed-in app on `url` with both interceptors and a fake backend. */
function signedInApp(url: string) {
  const navigate = vi.fn(() => Promise.resolve(true));
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([accessTokenInterceptor, sessionEndedInterceptor])),
      provideHttpClientTesting(),
      { provide: SESSION_STORAGE, useValue: memoryStorage() },
      { provide: RELOAD_PAGE, useValue: () => undefined },
      { provide: Router, useValue: { url, navigate } },
    ],
  });
  const auth = TestBed.inject(AuthStore);
  auth.signedIn(login);
  return { auth, http: TestBed.inject(HttpTestingController), navigate };
}

/** A signed-in app whose first call of /api/me is refused, as with an expired access token. */
async function refusedCallThenRefresh(refreshAnswer: { status: number; statusText: string }) {
  const { auth, http, navigate } = signedInApp('/readings');
  const call = firstValueFrom(TestBed.inject(HttpClient).get('/api/me')).catch((error: unknown) => error);
  http.expectOne('/api/me').flush({ code: 'UNAUTHORIZED' }, { status: 401, statusText: 'Unauthorized' });
  await vi.waitFor(() => http.expectOne('/api/auth/refresh').flush({ code: 'X' }, refreshAnswer));
  return { error: await call, auth, navigate };
}

describe('accessTokenInterceptor', () => {
  function signedInPageWithoutToken(storage = memoryStorage()) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([accessTokenInterceptor, sessionEndedInterceptor])),
        provideHttpClientTesting(),
        { provide: SESSION_STORAGE, useValue: storage },
        { provide: RELOAD_PAGE, useValue: () => undefined },
        { provide: Router, useValue: { url: '/readings', navigate: vi.fn(() => Promise.resolve(true)) } },
      ],
    });
    return { auth: TestBed.inject(AuthStore), http: TestBed.inject(HttpTestingController) };
  }

  it('a page loaded while signed in gets its access token from the refresh cookie (no token in the body) before its first call', async () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, JSON.stringify({ sessionExpiresAt: Date.now() + 3600_000, user: login.user }));
    const { auth, http } = signedInPageWithoutToken(storage);
    expect(auth.accessToken()).toBeNull();
    const call = firstValueFrom(TestBed.inject(HttpClient).get('/api/me'));
    const refresh = await vi.waitFor(() => http.expectOne('/api/auth/refresh'));
    expect(refresh.request.body).toEqual({});
    refresh.flush({ ...login, accessToken: 'fresh' });
    const me = await vi.waitFor(() => http.expectOne('/api/me'));
    expect(me.request.headers.get('Authorization')).toBe('Bearer fresh');
    me.flush({ ok: true });
    await call;
  });

  it('sends a refresh token an older version kept in localStorage once, in the body, then never again', async () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, JSON.stringify({ refreshToken: 'old-refresh', accessToken: 'old', sessionExpiresAt: Date.now() + 3600_000, user: login.user }));
    const { http } = signedInPageWithoutToken(storage);
    const call = firstValueFrom(TestBed.inject(HttpClient).get('/api/me'));
    const refresh = await vi.waitFor(() => http.expectOne('/api/auth/refresh'));
    expect(refresh.request.body).toEqual({ refreshToken: 'old-refresh' });
    refresh.flush(login);
    (await vi.waitFor(() => http.expectOne('/api/me'))).flush({});
    await call;
    expect(storage.getItem(STORAGE_KEY)).not.toMatch(/refresh|token/i);
  });
});

describe('sessionEndedInterceptor', () => {
  it('keeps the session when the refresh gets no answer worth acting on (a gateway error), and reports that error', async () => {
    const { error, auth, navigate } = await refusedCallThenRefresh({ status: 502, statusText: 'Bad Gateway' });
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect((error as HttpErrorResponse).status).toBe(502);
    expect(auth.isSignedIn()).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('ends the session when the server refuses the refresh token, and comes back to the page after signing in', async () => {
    const { error, auth, navigate } = await refusedCallThenRefresh({ status: 401, statusText: 'Unauthorized' });
    expect((error as HttpErrorResponse).status).toBe(401);
    expect(auth.isSignedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { reason: 'session-ended', returnUrl: '/readings' } });
  });

  it('passes a wrong re-entered password (401 INVALID_CREDENTIALS) on without refreshing or ending the session', async () => {
    const { auth, http, navigate } = signedInApp('/settings');
    const call = firstValueFrom(TestBed.inject(HttpClient).delete('/api/me', { body: { password: 'wrong' } })).catch((error: unknown) => error);
    http.expectOne('/api/me').flush({ code: 'INVALID_CREDENTIALS', message: 'Email or password is wrong' }, { status: 401, statusText: 'Unauthorized' });
    const error = await call;
    expect((error as HttpErrorResponse).error.code).toBe('INVALID_CREDENTIALS');
    http.expectNone('/api/auth/refresh');
    expect(auth.isSignedIn()).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
  });

  it("never retries a call of a user who signed out with the next user's token (an offline outbox's send must not land in another diary)", async () => {
    const { auth, http } = signedInApp('/readings');
    const call = firstValueFrom(TestBed.inject(HttpClient).post('/api/readings', { value: 120 })).catch((error: unknown) => error);
    const sent = http.expectOne('/api/readings');
    expect(sent.request.headers.get('Authorization')).toBe(`Bearer ${login.accessToken}`);
    // Ada signs out and Bob signs in on this device while her reading is on its way; her token is refused.
    auth.signedOut();
    auth.signedIn({ ...login, accessToken: 'bobs-token', user: { ...login.user, id: 'u2', email: 'bob@example.test' } });
    sent.flush({ code: 'UNAUTHORIZED' }, { status: 401, statusText: 'Unauthorized' });
    expect(((await call) as HttpErrorResponse).status).toBe(401);
    http.expectNone('/api/readings');
    http.expectNone('/api/auth/refresh');
    expect(auth.user()?.id).toBe('u2');
  });

  it('keeps the session when a proxy answers the refresh with 403 or 404 (only the API refuses tokens, with 401 or 400)', async () => {
    for (const status of [403, 404]) {
      TestBed.resetTestingModule();
      const { auth, navigate } = await refusedCallThenRefresh({ status, statusText: 'Proxy' });
      expect(auth.isSignedIn(), String(status)).toBe(true);
      expect(navigate).not.toHaveBeenCalled();
    }
  });
});
