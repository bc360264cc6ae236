import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ActivatePage } from './activate-page';

/** The page as the link of an activation mail opens it, `token` bound from the query string. */
async function openWith(token: string | undefined) {
  const fixture = TestBed.createComponent(ActivatePage);
  if (token !== undefined) fixture.componentRef.setInput('token', token);
  await fixture.whenStable();
  return { fixture, element: fixture.nativeElement as HTMLElement, http: TestBed.inject(HttpTestingController) };
}

async function settle(fixture: { whenStable(): Promise<unknown> }) {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

describe('ActivatePage', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
  });

  it('posts the token and, once active, leads to sign-in with the address filled in', async () => {
    const { fixture, element, http } = await openWith('t0ken-from-the-mail');
    const request = http.expectOne('/api/auth/activate');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ token: 't0ken-from-the-mail' });
    expect(element.textContent).toContain('Activating your account');
    request.flush({ status: 'activated', email: 'ada+diary@example.test', message: 'Your account is active.' });
    await settle(fixture);
    expect(element.querySelector('[role=status]')?.textContent).toContain('Your account is active');
    const signIn = element.querySelector<HTMLAnchorElement>('a[href^="/login"]');
    expect(signIn?.textContent).toContain('Sign in');
    // The "+" encoded, or the sign-in page would read a space.
    expect(signIn?.getAttribute('href')).toBe('/login?email=ada%2Bdiary@example.test');
  });

  it('explains a link that does not work and offers to register again', async () => {
    const { fixture, element, http } = await openWith('used-or-expired');
    http.expectOne('/api/auth/activate').flush(
      { statusCode: 400, error: 'Bad Request', code: 'ACTIVATION_LINK_INVALID', message: 'This activation link is not valid.' },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(element.querySelector('[role=alert]')?.textContent).toContain('This activation link does not work');
    expect(element.querySelector('a[href="/register"]')).not.toBeNull();
  });

  it('says when the server cannot be reached', async () => {
    const { fixture, element, http } = await openWith('some-token');
    http.expectOne('/api/auth/activate').error(new ProgressEvent('error'), { status: 0 });
    await settle(fixture);
    expect(element.querySelector('[role=alert]')?.textContent).toContain('Cannot reach GlucoDiary');
  });

  it('asks nothing of the server without a token', async () => {
    const { fixture, element, http } = await openWith(undefined);
    await settle(fixture);
    http.expectNone('/api/auth/activate');
    expect(element.querySelector('[role=alert]')?.textContent).toContain('no activation code');
  });
});
