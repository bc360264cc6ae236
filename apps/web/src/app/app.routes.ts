import type { Route } from '@angular/router';
import { signedInGuard, signedOutGuard } from './core/auth/auth.guard';

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
  {
    path: 'login',
    title: 'Sign in · GlucoDiary',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./features/auth/pages/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'register',
    title: 'Create account · GlucoDiary',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./features/auth/pages/register-page').then((m) => m.RegisterPage),
  },
  {
    // The link of an activation mail; signed in or not, the account it names is activated.
    path: 'activate',
    title: 'Activate your account · GlucoDiary',
    loadComponent: () => import('./features/auth/pages/activate-page').then((m) => m.ActivatePage),
  },
  {
    path: 'readings',
    title: 'Readings · GlucoDiary',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/readings/pages/readings-page').then((m) => m.ReadingsPage),
  },
  {
    path: 'import',
    title: 'Import and export · GlucoDiary',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/import-export/pages/import-export-page').then((m) => m.ImportExportPage),
  },
  {
    path: 'dashboard',
    title: 'Dashboard · GlucoDiary',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/dashboard/pages/dashboard-page').then((m) => m.DashboardPage),
  },
  {
    // Today; `day/:date` is any other day.
    path: 'day',
    title: 'Day · GlucoDiary',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/treatments/pages/day-page').then((m) => m.DayPage),
  },
  {
    path: 'day/:date',
    title: 'Day · GlucoDiary',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/treatments/pages/day-page').then((m) => m.DayPage),
  },
  {
    path: 'logbook',
    title: 'Logbook · GlucoDiary',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/logbook/pages/logbook-page').then((m) => m.LogbookPage),
  },
  {
    path: 'report',
    title: 'Clinic report · GlucoDiary',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/report/pages/clinic-report-page').then((m) => m.ClinicReportPage),
  },
  {
    path: 'settings',
    title: 'Settings · GlucoDiary',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/settings/pages/settings-page').then((m) => m.SettingsPage),
  },
  {
    path: 'sessions',
    title: 'Sessions · GlucoDiary',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/sessions/pages/sessions-page').then((m) => m.SessionsPage),
  },
  { path: '**', redirectTo: 'dashboard' },
];
