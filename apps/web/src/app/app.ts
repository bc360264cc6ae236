import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthApi } from './core/auth/auth.api';
import { AuthStore } from './core/auth/auth.store';
import { SessionRefresher } from './core/auth/session-refresher';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-toolbar color="primary">
      <a class="brand" routerLink="/">GlucoDiary</a>
      <span class="spacer"></span>
      @if (auth.user(); as user) {
        <span class="who">{{ user.displayName }}</span>
        <button mat-button type="button" (click)="signOut()">Sign out</button>
      }
    </mat-toolbar>
    @if (auth.isSignedIn()) {
      <nav class="sections no-print" aria-label="Sections">
        @for (section of sections; track section.path) {
          <a [routerLink]="section.path" routerLinkActive="active" ariaCurrentWhenActive="page">{{ section.label }}</a>
        }
      </nav>
    }
    <main><router-outlet /></main>
  `,
  styles: `
    .brand { color: inherit; text-decoration: none; font-weight: 600; }
    .spacer { flex: 1; }
    .who { font-size: 0.9rem; margin-right: 0.5rem; }
    .sections { display: flex; gap: 0.25rem; overflow-x: auto; padding: 0 0.5rem; border-bottom: 1px solid #ddd; background: #fafafa; }
    .sections a { padding: 0.75rem; white-space: nowrap; color: #1a1a1a; text-decoration: none; border-bottom: 3px solid transparent; }
    .sections a.active { border-bottom-color: var(--mat-sys-primary, #005cbb); font-weight: 600; }
    @media (max-width: 600px) { .who { display: none; } }
    main { max-width: 960px; margin: 0 auto; padding: 1rem; }
  `,
})
export class App {
  protected readonly auth = inject(AuthStore);
  protected readonly sections = [
    { path: '/dashboard', label: 'Dashboard' },
    { path: '/day', label: 'Day' },
    { path: '/readings', label: 'Readings' },
    { path: '/logbook', label: 'Logbook' },
    { path: '/report', label: 'Report' },
    { path: '/import', label: 'Import & export' },
    { path: '/settings', label: 'Settings' },
    { path: '/sessions', label: 'Sessions' },
  ];
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);

  constructor() {
    // Started with the shell: keeps the access token fresh for as long as the app is open.
    inject(SessionRefresher);
  }

  protected async signOut(): Promise<void> {
    await this.authApi.signOut();
    await this.router.navigate(['/login']);
  }
}
