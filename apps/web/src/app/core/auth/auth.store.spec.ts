import { TestBed } from '@angular/core/testing';
import { AuthStore, RELOAD_PAGE, SESSION_STORAGE, STORAGE_KEY } from './auth.store';
import { login, memoryStorage } from './auth.testing';

function storeWith(storage: Storage, reloadPage: () => void = () => undefined): AuthStore {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({
    providers: [
      { provide: SESSION_STORAGE, useValue: storage },
      { provide: RELOAD_PAGE, useValue: reloadPage },
    ],
  });
  return TestBed.inject(AuthStore);
}

describe('AuthStore', () => {
  it('keeps who is signed in across a reload until it signs out, but no token: the access token stays in memory', () => {
    const storage = memoryStorage();
    const tab = storeWith(storage);
    tab.signedIn(login);
    expect(tab.accessToken()).toBe('token-1');
    expect(storage.getItem(STORAGE_KEY)).not.toMatch(/token-1|refresh/i);
    const reloaded = storeWith(storage);
    expect(reloaded.isSignedIn()).toBe(true);
    expect(reloaded.accessToken()).toBeNull(); // fetched anew with the refresh cookie
    expect(reloaded.user()?.preferredUnit).toBe('mmol/L');

    reloaded.signedOut();
    expect(reloaded.isSignedIn()).toBe(false);
    expect(storeWith(storage).isSignedIn()).toBe(false);
  });

  it('keeps its own token when another tab refreshes, and starts afresh when another tab signs out or in as someone else', () => {
    const storage = memoryStorage();
    let reloads = 0;
    const tab = storeWith(storage, () => reloads++);
    tab.signedIn(login);
    const otherTab = (session: unknown) => {
      if (session === null) storage.removeItem(STORAGE_KEY);
      else storage.setItem(STORAGE_KEY, JSON.stringify(session));
      window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY }));
    };
    const stored = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');

    otherTab({ ...stored, sessionExpiresAt: stored.sessionExpiresAt + 1000 });
    expect([tab.accessToken(), reloads]).toEqual(['token-1', 0]);

    otherTab({ ...stored, user: { ...stored.user, id: 'u2', displayName: 'Bob' } });
    expect([tab.user()?.id, reloads]).toEqual(['u2', 1]);

    otherTab(null);
    expect([tab.isSignedIn(), reloads]).toEqual([false, 2]);
  });

  it("never hands this page another account's tokens, nor signs that account out", () => {
    const storage = memoryStorage();
    let reloads = 0;
    const tab = storeWith(storage, () => reloads++);
    tab.signedIn(login);
    // Another tab signs in as Bob before this one has heard of it (no storage event yet).
    const bob = { ...JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null'), user: { ...login.user, id: 'u2' } };
    storage.setItem(STORAGE_KEY, JSON.stringify(bob));

    expect(tab.reread()).toBeNull();
    expect(reloads).toBe(1);
    tab.signedOut();
    expect(JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null')?.user.id).toBe('u2');
  });

  it('keeps a session whose access token expired while the session is valid', () => {
    const storage = memoryStorage();
    storeWith(storage).signedIn(login, Date.now() - 901_000);
    expect(storeWith(storage).isSignedIn()).toBe(true);
  });

  it('takes over a refresh token an older version stored, once, and drops it (and the old access token) at the next sign-in', () => {
    const storage = memoryStorage();
    const old = { accessToken: 'old-access', accessExpiresAt: Date.now() + 1000, refreshToken: 'old-refresh', sessionExpiresAt: Date.now() + 3600_000, user: login.user };
    storage.setItem(STORAGE_KEY, JSON.stringify(old));
    const tab = storeWith(storage);
    expect(tab.current()?.legacyRefreshToken).toBe('old-refresh');
    expect(tab.accessToken()).toBeNull();
    tab.signedIn(login);
    expect(storage.getItem(STORAGE_KEY)).not.toMatch(/old-|token/i);
  });

  it('forgets a session that has expired', () => {
    const storage = memoryStorage();
    storeWith(storage).signedIn(login, Date.now() - 31 * 24 * 3600 * 1000);
    expect(storeWith(storage).isSignedIn()).toBe(false);
  });

  it('ignores a damaged stored session instead of failing to start', () => {
    const storage = memoryStorage();
    storage.setItem('glucodiary.session', '{not json');
    expect(storeWith(storage).isSignedIn()).toBe(false);
  });
});
