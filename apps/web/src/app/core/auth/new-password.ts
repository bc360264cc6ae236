import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { newPasswordProblem, type PasswordOwner } from '@glucodiary/contracts';

/**
 * The new-password rules the browser can check (length, not the owner's email or name), as
 * `{ newPassword: 'must be …' }`. Whether it is too common to use is the server's to say: its
 * dictionaries are megabytes. An empty field is left to `Validators.required`.
 */
export function newPasswordValidator(owner: (control: AbstractControl) => PasswordOwner): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const problem = control.value ? newPasswordProblem(control.value, owner(control)) : null;
    return problem ? { newPassword: problem } : null;
  };
}

/**
 * What to say beside a new-password field, in the order a person fixes things: the server's
 * refusal (set as `{ server: message }`), the browser's own rule, a missing value.
 */
export function newPasswordMessage(control: AbstractControl, label: string, minLength: number): string | null {
  const errors = control.errors;
  if (!errors) return null;
  if (typeof errors['server'] === 'string') return `${label} ${errors['server']}.`;
  if (typeof errors['newPassword'] === 'string') return `${label} ${errors['newPassword']}.`;
  if (errors['required']) return $localize`Choose a password of at least ${minLength}:minLength: characters.`;
  return null;
}
