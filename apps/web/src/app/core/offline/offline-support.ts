import { inject, isDevMode, makeEnvironmentProviders, provideAppInitializer, type EnvironmentProviders } from '@angular/core';
import { provideServiceWorker } from '@angular/service-worker';
import { Outbox } from '../outbox/outbox';
import { AppUpdates } from './app-updates';
import { ReportCopies } from './report-copies';

/**
 * The installable, offline-capable app: Angular's service worker (production builds only; it
 * caches the app shell, ngsw-config.json), and from the start the outbox, which sends what was
 * logged offline, the report copies, which drop another user's figures at once, and the offer
 * to load a new version once the worker has it.
 */
export function provideOfflineSupport(): EnvironmentProviders {
  return makeEnvironmentProviders([
    // Registered once the app is idle, or after 5 s at most: the live stream keeps it from ever being idle.
    provideServiceWorker('ngsw-worker.js', { enabled: !isDevMode(), registrationStrategy: 'registerWhenStable:5000' }),
    provideAppInitializer(() => {
      inject(Outbox);
      inject(ReportCopies);
      inject(AppUpdates);
    }),
  ]);
}
