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

/** The page with its device list loaded. */
async function openedWithSessions() {
  const fixture = TestBed.createComponent(SessionsPage);
  const http = TestBed.inject(HttpTestingController);
  TestBed.tick();
  await new Promise((resolve) => setTimeout(resolve));
  http.expectOne('/api/auth/sessions').flush(sessions);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, http, element };
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
    expect(element.querySelector('a[href="/settings#security"]')?.textContent).toContain('Settings → Security');
    expect(element.querySelector('input[type=password]')).toBeNull();
    http.verify();
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
