import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSWORD_MIN_LENGTH } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { fieldRefusal } from '../../../core/api/field-refusal';
import { AuthStore } from '../../../core/auth/auth.store';
import { newPasswordMessage, newPasswordValidator } from '../../../core/auth/new-password';
import type { Notice } from '../../../shared/notice/notice';
import { PasswordApi } from '../data-access/password.api';

/** Settings → Security: changing the password, which signs the account's other devices out. */
@Component({
  selector: 'app-password-settings',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="security-title">
      <h2 id="security-title" i18n>Security</h2>
      <form [formGroup]="form" (ngSubmit)="change()" novalidate aria-label="Change password" i18n-aria-label>
        <mat-form-field appearance="outline">
          <mat-label i18n>Current password</mat-label>
          <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label i18n>New password</mat-label>
          <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
          <mat-hint i18n>At least {{ minLength }} characters; not your email, your name or a common password. Your other devices will be signed out.</mat-hint>
          @if (newPasswordMessage(); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="busy()" i18n>Change password</button>
        <!-- Beside the form it is about, not at the top of the page. -->
        @if (notice(); as shown) {
          <p [class]="shown.failed ? 'error' : 'notice'" [attr.role]="shown.failed ? 'alert' : 'status'">{{ shown.text }}</p>
        }
      </form>
    </section>
  `,
  styles: `
    form { display: flex; flex-direction: column; gap: 0.5rem; max-width: 28rem; }
    h2 { font-size: 1.15rem; margin: 0 0 0.75rem; }
  `,
})
export class PasswordSettings {
  private readonly api = inject(PasswordApi);
  private readonly auth = inject(AuthStore);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly notice = signal<Notice | null>(null);
  /** A change is on its way: the button waits, so a double click cannot report a false failure. */
  protected readonly busy = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    // Length and "not your email or name"; whether it is too common, the API says.
    newPassword: ['', [Validators.required, newPasswordValidator(() => this.auth.user() ?? { email: '', displayName: '' })]],
  });
  /** Reset through the directive after a change, so the emptied fields are not shown as errors of a submitted form. */
  private readonly formDirective = viewChild.required(FormGroupDirective);

  /** Beside the new-password field: the API's refusal or the browser's rule. */
  protected newPasswordMessage(): string | null {
    return newPasswordMessage(this.form.controls.newPassword, $localize`New password`, PASSWORD_MIN_LENGTH);
  }

  protected async change(): Promise<void> {
    const { currentPassword, newPassword } = this.form.controls;
    // The name may have changed since the new password was checked against it.
    newPassword.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      // The new password's own message is beside it.
      this.notice.set(currentPassword.invalid ? { failed: true, text: $localize`Enter your current password.` } : null);
      return;
    }
    if (this.busy()) return;
    this.busy.set(true);
    this.notice.set(null);
    try {
      await this.api.change(this.form.getRawValue());
      this.formDirective().resetForm();
      this.notice.set({ failed: false, text: $localize`Password changed. Your other devices are signed out.` });
    } catch (error) {
      const refusal = fieldRefusal(error, 'newPassword');
      if (refusal) newPassword.setErrors({ server: refusal });
      else this.notice.set({ failed: true, text: describeHttpError(error) });
    } finally {
      this.busy.set(false);
    }
  }
}
