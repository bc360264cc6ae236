import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ApiError } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AccountApi } from '../data-access/account.api';

/** What the person types to show they mean it. */
export const DELETE_CONFIRMATION = 'DELETE';

/** The confirmation as typed: the word itself, in capitals (surrounding spaces from a phone keyboard aside). */
export function isDeletionConfirmed(typed: string): boolean {
  return typed.trim() === DELETE_CONFIRMATION;
}

/** Closes with true once the account is deleted; undefined when cancelled. */
@Component({
  selector: 'app-delete-account-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title i18n>Delete your account?</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p i18n>
          This deletes your account with every reading, setting and sign-in in it, and signs you out on every device. It cannot be
          undone: download your data first if you want to keep it.
        </p>
        <mat-form-field appearance="outline">
          <mat-label i18n>Your password</mat-label>
          <input #password matInput type="password" formControlName="password" autocomplete="current-password" required />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n>Type {{ word }} to confirm</mat-label>
          <input
            #confirmation
            matInput
            formControlName="confirmation"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            required
          />
          <mat-hint i18n>In capital letters</mat-hint>
        </mat-form-field>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Deleting your account" i18n-aria-label />
          <p role="status" i18n>Deleting your account…</p>
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="cancel()" [disabled]="busy()" i18n>Cancel</button>
        <button mat-flat-button type="submit" class="danger" [disabled]="busy()" i18n>Delete account</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field { display: block; width: 100%; }
    p { max-width: 32rem; }
    .danger:enabled { background: #b3261e; color: #fff; }
  `,
})
export class DeleteAccountDialog {
  private readonly dialog = inject<MatDialogRef<DeleteAccountDialog, true>>(MatDialogRef);
  private readonly api = inject(AccountApi);
  private readonly passwordInput = viewChild.required<ElementRef<HTMLInputElement>>('password');
  private readonly confirmationInput = viewChild.required<ElementRef<HTMLInputElement>>('confirmation');
  protected readonly word = DELETE_CONFIRMATION;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', Validators.required],
    confirmation: ['', Validators.required],
  });

  protected cancel(): void {
    if (!this.busy()) this.dialog.close();
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    const { password, confirmation } = this.form.getRawValue();
    if (!password) return this.refuse($localize`Enter your password.`, this.passwordInput());
    if (!isDeletionConfirmed(confirmation)) return this.refuse($localize`Type ${DELETE_CONFIRMATION}:word: in capital letters to confirm.`, this.confirmationInput());
    this.busy.set(true);
    // Escape or a click outside must not hide a deletion on its way: its answer decides what comes next.
    this.dialog.disableClose = true;
    this.error.set(null);
    try {
      await this.api.delete({ password });
      this.dialog.close(true);
    } catch (error) {
      this.form.controls.password.reset();
      this.refuse(deletionError(error), this.passwordInput());
    } finally {
      this.busy.set(false);
      this.dialog.disableClose = false;
    }
  }

  /** Says what is missing or went wrong and puts the cursor where it can be put right. */
  private refuse(message: string, field: ElementRef<HTMLInputElement>): void {
    this.error.set(message);
    field.nativeElement.focus();
  }
}

function deletionError(error: unknown): string {
  const code = error instanceof HttpErrorResponse ? (error.error as Partial<ApiError> | null)?.code : undefined;
  if (code === 'INVALID_CREDENTIALS') return $localize`That password is not right. Your account has not been deleted.`;
  return describeHttpError(error);
}
