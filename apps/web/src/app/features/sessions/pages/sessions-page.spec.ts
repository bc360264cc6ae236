import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SessionList } from '@glucodiary/contracts';
import { SessionsPage } from './sessions-page';

const sessions: SessionList = {
  items: [
    { id: 's1', device: 'Firefox on Linux', current: true, createdAt: '2026-11-20T08:00:00.000Z', lastSeenAt: '2026-11-26T08:00:00.000Z', expiresAt: '2026-12-20T08:00:00.000Z' },
  ],
};

/** The page with its device list loaded, and a way to type into its password fields. */
async function openedWithSessions() {
  const fixture = TestBed.createComponent(SessionsPage);
  const http = TestBed.inject(HttpTestingController);
  TestBed.tick();
  await new Promise((resolve) => setTimeout(resolve));
  http.expectOne('/api/auth/sessions').flush(sessions);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const type = (label: string, value: string) => {
    const input = element.querySelector(`input[autocomplete="${label}"]`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  return { fixture, http, element, type };
}

describe('SessionsPage', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
  });

  it('says when the sessions cannot be loaded, and loads them again on request', async () => {
    const fixture = TestBed.createComponent(SessionsPage);
    const http = TestBed.inject(HttpTestingController);
    // The page's resource asks once change detection ran; the answer is given below.
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    const element = fixture.nativeElement as HTMLElement;

    http.expectOne('/api/auth/sessions').flush({ statusCode: 503, code: 'GRID_UNAVAILABLE', message: 'Try again shortly.' }, { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();
    const alert = element.querySelector('[role=alert]');
    expect(alert?.textContent).toContain('Your sessions could not be loaded');

    Array.from(element.querySelectorAll('button')).find((button) => button.textContent?.includes('Try again'))?.click();
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/auth/sessions').flush(sessions);
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')).toBeNull();
    expect(element.textContent).toContain('Firefox on Linux');
    expect(element.textContent).toContain('Sign out everywhere');
    http.verify();
  });

  it('shows a refused password change beside its form, and sends one request for a double click', async () => {
    const { fixture, http, element, type } = await openedWithSessions();
    type('current-password', 'not my password');
    type('new-password', 'a new long password');
    const form = element.querySelector('.password form') as HTMLFormElement;
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
    expect(element.querySelector('.password [role=alert]')?.textContent).toBe('Current password is not your current password');
    expect(element.querySelector('h1 ~ [role=alert]')).toBeNull();
  });

  it('checks the new password in the browser and shows a server refusal beside the field', async () => {
    const { fixture, http, element, type } = await openedWithSessions();
    const form = element.querySelector('.password form') as HTMLFormElement;
    const besideNewPassword = () => element.querySelector('.password mat-error')?.textContent?.trim() ?? null;

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
    expect(element.querySelector('.password p[role=alert]')).toBeNull();
  });
  it('asks before signing out everywhere: one click only asks, "Stay signed in" keeps the session, the confirmation signs out', async () => {
    const { fixture, http, element } = await openedWithSessions();
    const button = (text: string) => Array.from(element.querySelectorAll('button')).find((candidate) => candidate.textContent?.trim() === text);

    button('Sign out everywhere')?.click();
    await fixture.whenStable();
    http.expectNone('/api/auth/logout-all');
    expect(element.textContent).toContain('Sign out on every device, this one included?');

    button('Stay signed in')?.click();
    await fixture.whenStable();
    expect(element.textContent).not.toContain('this one included?');
    http.verify();

    button('Sign out everywhere')?.click();
    await fixture.whenStable();
    const confirm = element.querySelector('[role=group] button') as HTMLButtonElement;
    expect(confirm.textContent?.trim()).toBe('Sign out everywhere');
    confirm.click();
    expect(http.match(() => true).map((request) => `${request.request.method} ${request.request.url}`)).toEqual(['POST /api/auth/logout-all']);
  });
});
