import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, type ActivatedRouteSnapshot, type RouterStateSnapshot, type UrlTree } from '@angular/router';
import { signedInGuard } from './auth.guard';
import { AuthStore, SESSION_STORAGE } from './auth.store';
import { login, memoryStorage } from './auth.testing';

function guardedUrl(): string {
  const tree = TestBed.runInInjectionContext(() => signedInGuard({} as ActivatedRouteSnapshot, { url: '/dashboard' } as RouterStateSnapshot)) as UrlTree;
  return TestBed.inject(Router).serializeUrl(tree);
}

describe('signedInGuard', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: SESSION_STORAGE, useValue: memoryStorage() }] });
  });

  it('lets a signed-in user in', () => {
    TestBed.inject(AuthStore).signedIn(login);
    expect(TestBed.runInInjectionContext(() => signedInGuard({} as ActivatedRouteSnapshot, { url: '/dashboard' } as RouterStateSnapshot))).toBe(true);
  });

  it('sends someone who signed out to sign in, and back after', () => {
    const auth = TestBed.inject(AuthStore);
    auth.signedIn(login);
    auth.signedOut();
    expect(guardedUrl()).toBe('/login?returnUrl=%2Fdashboard');
  });

  it('says the session ended when the server ended it, even if that happened before the first navigation', () => {
    const auth = TestBed.inject(AuthStore);
    auth.signedIn(login);
    auth.signedOut({ ended: true });
    expect(guardedUrl()).toBe('/login?reason=session-ended&returnUrl=%2Fdashboard');
    // Signing in again forgets it.
    auth.signedIn(login);
    auth.signedOut();
    expect(guardedUrl()).toBe('/login?returnUrl=%2Fdashboard');
  });
});
