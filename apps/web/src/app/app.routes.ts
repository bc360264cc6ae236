import type { Route } from '@angular/router';
import { signedInGuard, signedOutGuard } from './core/auth/auth.guard';

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'readings' },
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
    path: 'readings',
    title: 'Readings · GlucoDiary',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/readings/pages/readings-page').then((m) => m.ReadingsPage),
  },
  { path: '**', redirectTo: 'readings' },
];
