import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { AuthApi } from './core/auth/auth.api';
import { AuthStore } from './core/auth/auth.store';
import { SessionRefresher } from './core/auth/session-refresher';
import { LocaleSync } from './core/i18n/locale';
import { Dock } from './core/navigation/dock';
import { SectionsBar } from './core/navigation/sections-bar';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, MatToolbarModule, MatButtonModule, SectionsBar, Dock],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-toolbar color="primary">
      <a class="brand" routerLink="/">GlucoDiary</a>
      <span class="spacer"></span>
      @if (auth.user(); as user) {
        <span class="who">{{ user.displayName }}</span>
        <button mat-button type="button" (click)="signOut()" i18n>Sign out</button>
      }
    </mat-toolbar>
    @if (auth.isSignedIn()) {
      <app-sections-bar />
    }
    <main [class.signed-in]="auth.isSignedIn()"><router-outlet /></main>
    @if (auth.isSignedIn()) {
      <app-dock />
    }
  `,
  styles: `
    /* At least the screen's height, the main part growing: the dock at the end sits at the bottom even of a short page. */
    :host { display: flex; flex-direction: column; min-height: 100%; }
    .brand { color: inherit; text-decoration: none; font-weight: 600; }
    .spacer { flex: 1; }
    .who { font-size: 0.9rem; margin-right: 0.5rem; }
    main { flex: 1 0 auto; box-sizing: border-box; width: 100%; max-width: 960px; margin: 0 auto; padding: 1rem; }
    /* Room to scroll the page's end out from under the floating Log action. */
    main.signed-in { padding-bottom: 5.5rem; }
    @media (max-width: 600px) { .who { display: none; } }
  `,
})
export class App {
  protected readonly auth = inject(AuthStore);
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);

  constructor() {
    // Started with the shell: keeps the access token fresh for as long as the app is open.
    inject(SessionRefresher);
    // Started with the shell: a profile asking for another language or format reloads the page in it.
    inject(LocaleSync);
  }

  protected async signOut(): Promise<void> {
    await this.authApi.signOut();
    await this.router.navigate(['/login']);
  }
}
