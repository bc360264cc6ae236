import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { AuthApi } from './core/auth/auth.api';
import { AuthStore } from './core/auth/auth.store';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, MatToolbarModule, MatButtonModule],
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
    <main><router-outlet /></main>
  `,
  styles: `
    .brand { color: inherit; text-decoration: none; font-weight: 600; }
    .spacer { flex: 1; }
    .who { font-size: 0.9rem; margin-right: 0.5rem; }
    main { max-width: 960px; margin: 0 auto; padding: 1rem; }
  `,
})
export class App {
  protected readonly auth = inject(AuthStore);
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);

  protected async signOut(): Promise<void> {
    await this.authApi.signOut();
    await this.router.navigate(['/login']);
  }
}
