import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideAppInitializer, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS, type MatFormFieldDefaultOptions } from '@angular/material/form-field';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { appRoutes } from './app.routes';
import { accessTokenInterceptor, sessionEndedInterceptor } from './core/auth/auth.interceptors';
import { restoreSession } from './core/auth/session-refresher';
import { provideOfflineSupport } from './core/offline/offline-support';
import { reportCopyInterceptor } from './core/offline/report-copy.interceptor';
import { serviceWorkerBypassInterceptor } from './core/offline/service-worker-bypass.interceptor';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // A link to Settings → Security (#security) scrolls to it; a new page starts at its top.
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ anchorScrolling: 'enabled', scrollPositionRestoration: 'enabled' })),
    // A hint or an error of any length takes the room it needs instead of running into the next field's label.
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { subscriptSizing: 'dynamic' } satisfies MatFormFieldDefaultOptions },
    // Outermost, the report copies: they answer for a call that failed even after a token refresh.
    provideHttpClient(withFetch(), withInterceptors([reportCopyInterceptor, serviceWorkerBypassInterceptor, accessTokenInterceptor, sessionEndedInterceptor])),
    provideOfflineSupport(),
    provideAppInitializer(restoreSession),
  ],
};
