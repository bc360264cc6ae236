import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { EMAIL_PATTERN, PASSWORD_MIN_LENGTH } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthApi } from '../../../core/auth/auth.api';

@Component({
  selector: 'app-register-page',
  imports: [ReactiveFormsModule, RouterLink, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card class="auth-card">
      <mat-card-header><mat-card-title><h1>Create your diary</h1></mat-card-title></mat-card-header>
      <mat-card-content>
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>Your name</mat-label>
            <input matInput formControlName="displayName" autocomplete="name" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Email</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="email" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="new-password" required />
            <mat-hint>At least {{ minLength }} characters</mat-hint>
          </mat-form-field>
          @if (error(); as message) {
            <p class="error" role="alert">{{ message }}</p>
          }
          <button mat-flat-button type="submit" [disabled]="busy()">Create account</button>
        </form>
      </mat-card-content>
      <mat-card-actions>
        <a mat-button routerLink="/login">Already have an account? Sign in</a>
      </mat-card-actions>
    </mat-card>
  `,
})
export class RegisterPage {
  private readonly auth = inject(AuthApi);
  private readonly router = inject(Router);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    // The API's own rules, so the browser refuses what the API would (a blank name, "jane@gmailcom").
    displayName: ['', [Validators.required, Validators.pattern(/\S/)]],
    email: ['', [Validators.required, Validators.pattern(new RegExp(EMAIL_PATTERN))]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const { displayName, email } = this.form.controls;
      this.error.set(
        displayName.invalid
          ? 'Enter your name.'
          : email.invalid
            ? 'Enter your email address, like name@example.com.'
            : `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`,
      );
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      // The browser's zone: days, "today" and the time a reading is prefilled with are the user's from the start.
      await this.auth.register({ ...this.form.getRawValue(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
      await this.router.navigate(['/login'], { queryParams: { registered: 1 } });
    } catch (error) {
      this.error.set(describeHttpError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
