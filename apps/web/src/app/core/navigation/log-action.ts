import { inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, NavigationSkipped, Router } from '@angular/router';
import { filter, map, merge, type Observable } from 'rxjs';

/** Where the floating "Log" action leads: the readings page at its quick log. */
export const LOG_ACTION_PATH = '/readings';
export const LOG_ACTION_FRAGMENT = 'log';

/**
 * Emits whenever the page it is called in (in an injection context) is asked for its quick log:
 * when opened at #log, and at every later tap on "Log" while it is open there, which the router
 * skips as a navigation to the same URL, so that the fragment does not change and says nothing.
 */
export function logActionRequests(): Observable<void> {
  const router = inject(Router);
  const opened = inject(ActivatedRoute).fragment.pipe(filter((fragment) => fragment === LOG_ACTION_FRAGMENT));
  const tappedAgain = router.events.pipe(
    filter((event) => event instanceof NavigationSkipped && router.parseUrl(event.url).fragment === LOG_ACTION_FRAGMENT),
  );
  return merge(opened, tappedAgain).pipe(
    map(() => undefined),
    takeUntilDestroyed(),
  );
}
