import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { EMAIL_PATTERN, PASSWORD_MIN_LENGTH, type PasswordOwner } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { fieldRefusal } from '../../../core/api/field-refusal';
import { newPasswordMessage, newPasswordValidator } from '../../../core/auth/new-password';
import { RegistrationApi } from '../data-access/registration.api';
import { LOADED_LOCALE } from '../../../core/i18n/locale';

/** The email and name typed beside the password, which it must not contain. */
function ownerInForm(password: AbstractControl): PasswordOwner {
  const { email = '', displayName = '' } = (password.parent?.value ?? {}) as Partial<PasswordOwner>;
  return { email, displayName };
}

@Component({
  selector: 'app-register-page',
  imports: [ReactiveFormsModule, RouterLink, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card class="auth-card">
      <mat-card-header><mat-card-title><h1 i18n>Create your diary</h1></mat-card-title></mat-card-header>
      <mat-card-content>
        @if (sentTo(); as address) {
          <div class="notice" role="status">
            <p><strong i18n>Check your inbox to activate your account.</strong></p>
            <p i18n>We have sent an email to {{ address }}. Open the link in it within 24 hours, then sign in.</p>
            <p i18n>No email after a few minutes? Look in your spam folder, or register again for a new link.</p>
          </div>
          <button mat-button type="button" (click)="sentTo.set(null)" i18n>Register again</button>
        } @else {
          <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
            <mat-form-field appearance="outline">
              <mat-label i18n>Your name</mat-label>
              <input matInput formControlName="displayName" autocomplete="name" required />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label i18n>Email</mat-label>
              <input matInput type="email" formControlName="email" autocomplete="email" required />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label i18n>Password</mat-label>
              <input matInput type="password" formControlName="password" autocomplete="new-password" required />
              <mat-hint i18n>At least {{ minLength }} characters; not your email, your name or a common password</mat-hint>
              @if (passwordMessage(); as message) {
                <mat-error role="alert">{{ message }}</mat-error>
              }
            </mat-form-field>
            @if (error(); as message) {
              <p class="error" role="alert">{{ message }}</p>
            }
            <button mat-flat-button type="submit" [disabled]="busy()" i18n>Create account</button>
          </form>
        }
      </mat-card-content>
      <mat-card-actions>
        <a mat-button routerLink="/login" i18n>Already have an account? Sign in</a>
      </mat-card-actions>
    </mat-card>
  `,
})
export class RegisterPage {
  private readonly registration = inject(RegistrationApi);
  private readonly router = inject(Router);
  private readonly locale = inject(LOADED_LOCALE);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The address an activation mail went to (when the server sends mail); the form is hidden meanwhile. */
  protected readonly sentTo = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    // The API's own rules, so the browser refuses what the API would (a blank name, "jane@gmailcom").
    displayName: ['', [Validators.required, Validators.pattern(/\S/)]],
    email: ['', [Validators.required, Validators.pattern(new RegExp(EMAIL_PATTERN))]],
    // Length and "not your email or name"; whether it is too common, the API says.
    password: ['', [Validators.required, newPasswordValidator(ownerInForm)]],
  });

  /** Beside the password field: the API's refusal or the browser's rule. */
  protected passwordMessage(): string | null {
    return newPasswordMessage(this.form.controls.password, $localize`Password`, PASSWORD_MIN_LENGTH);
  }

  protected async submit(): Promise<void> {
    const { displayName, email, password } = this.form.controls;
    // The email or name may have changed since the password was checked against them.
    password.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      // The password's own message is beside it.
      this.error.set(displayName.invalid ? $localize`Enter your name.` : email.invalid ? $localize`Enter your email address, like name@example.com.` : null);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      // The browser's zone: days, "today" and the time a reading is prefilled with are the user's from the start;
      // and the language and formats this page speaks, so the new account does not switch them.
      const outcome = await this.registration.register({
        ...this.form.getRawValue(),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        ...this.locale,
      });
      // With a mailer the answer is the same whether or not the address has an account: the mail tells.
      if (outcome === 'activation-sent') this.sentTo.set(this.form.controls.email.value.trim());
      // Without a mailer the account is active and this browser signed in to it.
      else await this.router.navigate(['/dashboard']);
    } catch (error) {
      const refusal = fieldRefusal(error, 'password');
      if (refusal) this.form.controls.password.setErrors({ server: refusal });
      else this.error.set(describeHttpError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
