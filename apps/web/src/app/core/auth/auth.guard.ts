import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { AuthStore } from './auth.store';

/** Pages of the diary need a signed-in user; others are sent to sign in and brought back after. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthStore);
  if (auth.isSignedIn()) return true;
  // A session the server ended while the page was starting (its first call was refused before
  // the router's first navigation ran): sign-in still says why.
  const reason = auth.sessionEnded() ? { reason: 'session-ended' } : {};
  return inject(Router).createUrlTree(['/login'], { queryParams: { ...reason, returnUrl: state.url } });
};

/** The sign-in and registration pages are pointless once signed in. */
export const signedOutGuard: CanActivateFn = () =>
  inject(AuthStore).isSignedIn() ? inject(Router).createUrlTree(['/dashboard']) : true;
