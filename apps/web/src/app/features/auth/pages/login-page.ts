import { ChangeDetectionStrategy, Component, inject, input, signal, type OnInit } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthApi } from '../../../core/auth/auth.api';

@Component({
  selector: 'app-login-page',
  imports: [ReactiveFormsModule, RouterLink, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card class="auth-card">
      <mat-card-header><mat-card-title><h1 i18n>Sign in</h1></mat-card-title></mat-card-header>
      <mat-card-content>
        @if (reason() === 'session-ended') {
          <p class="notice" role="status" i18n>Your session ended. Please sign in again.</p>
        }
        @if (reason() === 'account-deleted') {
          <p class="notice" role="status" i18n>Your account and everything in it have been deleted. Goodbye, and take care.</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label i18n>Email</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="username" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label i18n>Password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="current-password" required />
          </mat-form-field>
          @if (error(); as message) {
            <p class="error" role="alert">{{ message }}</p>
          }
          <button mat-flat-button type="submit" [disabled]="busy()" i18n>Sign in</button>
        </form>
      </mat-card-content>
      <mat-card-actions>
        <a mat-button routerLink="/register" i18n>New here? Create an account</a>
      </mat-card-actions>
    </mat-card>
  `,
})
export class LoginPage implements OnInit {
  /** Query parameters, bound by the router. */
  readonly reason = input<string>();
  readonly returnUrl = input<string>();
  /** The account's address, filled in (the activation page's "Sign in" sends it). */
  readonly email = input<string>();

  private readonly auth = inject(AuthApi);
  private readonly router = inject(Router);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  ngOnInit(): void {
    const email = this.email();
    if (email) this.form.controls.email.setValue(email);
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.error.set($localize`Enter your email and password.`);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.auth.signIn(this.form.getRawValue());
      const target = this.returnUrl();
      await this.router.navigateByUrl(target?.startsWith('/') && !target.startsWith('//') ? target : '/dashboard');
    } catch (error) {
      this.error.set(describeHttpError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
