import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { PasswordSettings } from './password-settings';

/** The form, and a way to type into its fields. */
async function rendered() {
  const fixture = TestBed.createComponent(PasswordSettings);
  const http = TestBed.inject(HttpTestingController);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const type = (label: string, value: string) => {
    const input = element.querySelector(`input[autocomplete="${label}"]`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  return { fixture, http, element, type };
}

describe('PasswordSettings', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  });

  it('shows a refused password change beside its form, and sends one request for a double click', async () => {
    const { fixture, http, element, type } = await rendered();
    type('current-password', 'not my password');
    type('new-password', 'a new long password');
    const form = element.querySelector('form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit'));
    form.dispatchEvent(new Event('submit'));
    const requests = http.match('/api/auth/password');
    expect(requests).toHaveLength(1);
    requests[0]!.flush(
      { statusCode: 400, code: 'VALIDATION_FAILED', message: 'x', details: [{ field: 'currentPassword', message: 'is not your current password' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(element.querySelector('form p[role=alert]')?.textContent).toBe('Current password is not your current password');
    expect(element.querySelectorAll('[role=alert]')).toHaveLength(1);
  });

  it('checks the new password in the browser and shows a server refusal beside the field', async () => {
    const { fixture, http, element, type } = await rendered();
    const form = element.querySelector('form') as HTMLFormElement;
    const besideNewPassword = () => element.querySelector('mat-error')?.textContent?.trim() ?? null;

    type('current-password', 'my old password');
    type('new-password', 'too short');
    form.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(besideNewPassword()).toBe('New password must be at least 12 characters long.');
    http.expectNone('/api/auth/password');

    type('new-password', 'password1234');
    form.dispatchEvent(new Event('submit'));
    http.expectOne('/api/auth/password').flush(
      { statusCode: 400, code: 'VALIDATION_FAILED', message: 'x', details: [{ field: 'newPassword', message: 'is too common or too easy to guess; use a longer phrase of a few unrelated words' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(besideNewPassword()).toBe('New password is too common or too easy to guess; use a longer phrase of a few unrelated words.');
    expect(element.querySelector('form p[role=alert]')).toBeNull();
  });
  it('says when the password was changed and empties the form', async () => {
    const { fixture, http, element, type } = await rendered();
    type('current-password', 'my old password');
    type('new-password', 'a new long passphrase of words');
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const request = http.expectOne('/api/auth/password');
    expect(request.request.body).toEqual({ currentPassword: 'my old password', newPassword: 'a new long passphrase of words' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(element.querySelector('[role=status]')?.textContent).toBe('Password changed. Your other devices are signed out.');
    expect((element.querySelector('input[autocomplete="new-password"]') as HTMLInputElement).value).toBe('');
    expect(element.querySelector('mat-error')).toBeNull();
  });
});
