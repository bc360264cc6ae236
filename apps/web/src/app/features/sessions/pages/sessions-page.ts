import { ChangeDetectionStrategy, Component, computed, inject, resource, signal, viewChild, type WritableSignal } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { PASSWORD_MIN_LENGTH } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { fieldRefusal } from '../../../core/api/field-refusal';
import { AuthStore } from '../../../core/auth/auth.store';
import { newPasswordMessage, newPasswordValidator } from '../../../core/auth/new-password';
import { formatInZone } from '../../../core/time/zoned-time';
import { SessionsApi } from '../data-access/sessions.api';
import { ConfirmedAction } from '../../../shared/confirmed-action/confirmed-action';

/** Where a person sees every device signed in to their diary and ends the ones they do not trust. */
@Component({
  selector: 'app-sessions-page',
  imports: [ReactiveFormsModule, MatCardModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ConfirmedAction],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="page-title">Sessions</h1>
    @if (sessions.isLoading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading your sessions" />
    }
    @if (deviceNotice(); as notice) {
      <p [class]="notice.failed ? 'error' : 'notice'" [attr.role]="notice.failed ? 'alert' : 'status'">{{ notice.text }}</p>
    }
    @if (loadError(); as text) {
      <p class="error" role="alert">
        Your sessions could not be loaded: {{ text }}
        <button mat-button type="button" (click)="sessions.reload()">Try again</button>
      </p>
    }
    @if (sessions.hasValue()) {
      <ul class="sessions" aria-label="Signed-in devices">
        @for (session of rows(); track session.id) {
          <li>
            <div>
              <strong>{{ session.device }}</strong>
              @if (session.current) {
                <span class="current">(this device)</span>
              }
              <div class="muted">Signed in {{ session.created }} · last active {{ session.lastSeen }}</div>
            </div>
            @if (!session.current) {
              <button mat-stroked-button type="button" (click)="revoke(session.id)" [disabled]="busy()" [attr.aria-label]="'Sign out ' + session.device">
                Sign out
              </button>
            }
          </li>
        }
      </ul>
      <app-confirmed-action
        label="Sign out everywhere"
        question="Sign out on every device, this one included?"
        confirmLabel="Sign out everywhere"
        keepLabel="Stay signed in"
        [disabled]="busy()"
        (confirmed)="signOutEverywhere()"
      />
    }

    <mat-card class="password">
      <mat-card-header><mat-card-title><h2>Change password</h2></mat-card-title></mat-card-header>
      <mat-card-content>
        <form [formGroup]="passwordForm" (ngSubmit)="changePassword()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>Current password</mat-label>
            <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
            <mat-hint>At least {{ minLength }} characters; not your email, your name or a common password. Your other devices will be signed out.</mat-hint>
            @if (newPasswordMessage(); as message) {
              <mat-error role="alert">{{ message }}</mat-error>
            }
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy()">Change password</button>
          <!-- Beside the form it is about, not at the top of the page. -->
          @if (passwordNotice(); as notice) {
            <p [class]="notice.failed ? 'error' : 'notice'" [attr.role]="notice.failed ? 'alert' : 'status'">{{ notice.text }}</p>
          }
        </form>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host { display: flex; flex-direction: column; gap: 1rem; }
    .sessions { list-style: none; padding: 0; margin: 0; }
    .sessions li { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: 0.75rem 0; border-bottom: 1px solid #ddd; }
    .current { margin-left: 0.4rem; color: #1b5e20; }
    .password form { display: flex; flex-direction: column; gap: 0.5rem; max-width: 28rem; }
    h2 { font-size: 1.15rem; margin: 0; }
  `,
})
export class SessionsPage {
  private readonly api = inject(SessionsApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  /** What the latest device action or password change came to, each shown by its own controls. */
  protected readonly deviceNotice = signal<Notice | null>(null);
  protected readonly passwordNotice = signal<Notice | null>(null);
  /** An action is on its way: its buttons wait, so a double click cannot report a false failure. */
  protected readonly busy = signal(false);
  protected readonly sessions = resource({ loader: () => this.api.list() });
  protected readonly loadError = computed(() => (this.sessions.error() ? describeHttpError(this.sessions.error()) : null));
  protected readonly rows = computed(() => {
    const timeZone = this.auth.timeZone();
    const when = (iso: string) => formatInZone(iso, timeZone, 'd MMM yyyy, HH:mm');
    return (this.sessions.hasValue() ? this.sessions.value().items : []).map((session) => ({
      ...session,
      created: when(session.createdAt),
      lastSeen: when(session.lastSeenAt),
    }));
  });
  protected readonly passwordForm = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    // Length and "not your email or name"; whether it is too common, the API says.
    newPassword: ['', [Validators.required, newPasswordValidator(() => this.auth.user() ?? { email: '', displayName: '' })]],
  });
  /** Reset through the directive after a change, so the emptied fields are not shown as errors of a submitted form. */
  private readonly passwordFormDirective = viewChild.required(FormGroupDirective);

  /** Beside the new-password field: the API's refusal or the browser's rule. */
  protected newPasswordMessage(): string | null {
    return newPasswordMessage(this.passwordForm.controls.newPassword, 'New password', PASSWORD_MIN_LENGTH);
  }

  protected async revoke(id: string): Promise<void> {
    await this.attempt(this.deviceNotice, async () => {
      await this.api.revoke(id);
      this.sessions.reload();
      return 'That device is signed out.';
    });
  }

  protected async signOutEverywhere(): Promise<void> {
    await this.attempt(this.deviceNotice, async () => {
      await this.api.signOutEverywhere();
      this.auth.signedOut();
      await this.router.navigate(['/login']);
      return 'Signed out everywhere.';
    });
  }

  protected async changePassword(): Promise<void> {
    const { currentPassword, newPassword } = this.passwordForm.controls;
    // The name may have changed since the new password was checked against it.
    newPassword.updateValueAndValidity();
    if (this.passwordForm.invalid) {
      this.passwordForm.markAllAsTouched();
      // The new password's own message is beside it.
      this.passwordNotice.set(currentPassword.invalid ? { failed: true, text: 'Enter your current password.' } : null);
      return;
    }
    await this.attempt(this.passwordNotice, async () => {
      try {
        await this.api.changePassword(this.passwordForm.getRawValue());
      } catch (error) {
        const refusal = fieldRefusal(error, 'newPassword');
        if (!refusal) throw error;
        newPassword.setErrors({ server: refusal });
        return null;
      }
      this.passwordFormDirective().resetForm();
      this.sessions.reload();
      return 'Password changed. Your other devices are signed out.';
    });
  }

  /** Runs `work`, which says what it came to (null: nothing to add, e.g. a message beside a field). */
  private async attempt(notice: WritableSignal<Notice | null>, work: () => Promise<string | null>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    notice.set(null);
    try {
      const text = await work();
      notice.set(text === null ? null : { failed: false, text });
    } catch (error) {
      notice.set({ failed: true, text: describeHttpError(error) });
    } finally {
      this.busy.set(false);
    }
  }
}

interface Notice {
  text: string;
  failed: boolean;
}
