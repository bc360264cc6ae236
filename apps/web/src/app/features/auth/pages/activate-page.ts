import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal, type OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { Router, RouterLink } from '@angular/router';
import type { ApiError } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { RegistrationApi } from '../data-access/registration.api';

type Activation = { state: 'working' } | { state: 'activated'; email: string } | { state: 'failed'; message: string };

/** `/activate?token=…`: the page the link of an activation mail opens. It activates the account at once. */
@Component({
  selector: 'app-activate-page',
  imports: [RouterLink, MatCardModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card class="auth-card">
      <mat-card-header><mat-card-title><h1 i18n>Activate your account</h1></mat-card-title></mat-card-header>
      <mat-card-content>
        @switch (activation().state) {
          @case ('working') {
            <p role="status" i18n>Activating your account…</p>
          }
          @case ('activated') {
            <p class="notice" role="status" i18n>Your account is active. Sign in to start your diary.</p>
          }
          @case ('failed') {
            <p class="error" role="alert">{{ failure() }}</p>
          }
        }
      </mat-card-content>
      <mat-card-actions>
        @if (activatedEmail(); as email) {
          <a mat-flat-button routerLink="/login" [queryParams]="{ email }" i18n>Sign in</a>
        } @else if (activation().state === 'failed') {
          <a mat-button routerLink="/register" i18n>Register again</a>
          <a mat-button routerLink="/login" i18n>Sign in</a>
        }
      </mat-card-actions>
    </mat-card>
  `,
})
export class ActivatePage implements OnInit {
  /** The link's query parameter, bound by the router. */
  readonly token = input<string>();

  private readonly registration = inject(RegistrationApi);
  private readonly router = inject(Router);
  protected readonly activation = signal<Activation>({ state: 'working' });

  /** The activated account's address, for the sign-in form; null until activated. */
  protected activatedEmail(): string | null {
    const activation = this.activation();
    return activation.state === 'activated' ? activation.email : null;
  }

  protected failure(): string {
    const activation = this.activation();
    return activation.state === 'failed' ? activation.message : '';
  }

  async ngOnInit(): Promise<void> {
    const token = this.token()?.trim();
    if (!token) {
      this.activation.set({ state: 'failed', message: $localize`This link has no activation code. Open the link from the email again, whole.` });
      return;
    }
    // The token is a secret until used: out of the address bar and the history.
    this.router.navigate([], { queryParams: {}, replaceUrl: true }).catch(() => undefined);
    try {
      const { email } = await this.registration.activate(token);
      this.activation.set({ state: 'activated', email });
    } catch (error) {
      const linkInvalid = error instanceof HttpErrorResponse && (error.error as Partial<ApiError> | null)?.code === 'ACTIVATION_LINK_INVALID';
      this.activation.set({
        state: 'failed',
        message: linkInvalid
          ? $localize`This activation link does not work: it has expired (links work for 24 hours), has been used already, or was copied incompletely. If your account is active, sign in; otherwise register again for a new link.`
          : describeHttpError(error),
      });
    }
  }
}
