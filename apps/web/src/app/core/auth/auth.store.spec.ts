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
  it('keeps the session across a reload until it signs out', () => {
    const storage = memoryStorage();
    storeWith(storage).signedIn(login);
    const reloaded = storeWith(storage);
    expect(reloaded.isSignedIn()).toBe(true);
    expect(reloaded.accessToken()).toBe('token-1');
    expect(reloaded.user()?.preferredUnit).toBe('mmol/L');

    reloaded.signedOut();
    expect(reloaded.isSignedIn()).toBe(false);
    expect(storeWith(storage).isSignedIn()).toBe(false);
  });

  it('follows a refresh in another tab, and starts afresh when another tab signs out or in as someone else', () => {
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

    otherTab({ ...stored, accessToken: 'token-2' });
    expect([tab.accessToken(), reloads]).toEqual(['token-2', 0]);

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
    const bob = { ...JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null'), refreshToken: 'bob-refresh', user: { ...login.user, id: 'u2' } };
    storage.setItem(STORAGE_KEY, JSON.stringify(bob));

    expect(tab.reread()).toBeNull();
    expect(reloads).toBe(1);
    tab.signedOut();
    expect(JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null')?.refreshToken).toBe('bob-refresh');
  });

  it('keeps a session whose access token expired while its refresh token is valid', () => {
    const storage = memoryStorage();
    storeWith(storage).signedIn(login, Date.now() - 901_000);
    expect(storeWith(storage).current()?.refreshToken).toBe('refresh-1');
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
