import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthStore, SESSION_STORAGE } from '../../../core/auth/auth.store';
import { login, memoryStorage } from '../../../core/auth/auth.testing';
import { RegisterPage } from './register-page';

async function renderPage() {
  const fixture = TestBed.createComponent(RegisterPage);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const type = (autocomplete: string, value: string) => {
    const input = element.querySelector(`input[autocomplete="${autocomplete}"]`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async (password: string) => {
    type('name', 'Ada Lovelace');
    type('email', 'ada.lovelace@example.test');
    type('new-password', password);
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };
  /** What is shown beside the password field (the only field with messages of its own), if anything. */
  const besidePassword = () => element.querySelector('mat-error')?.textContent?.trim() ?? null;
  return { fixture, element, submit, besidePassword };
}

describe('RegisterPage', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), { provide: SESSION_STORAGE, useValue: memoryStorage() }],
    });
  });

  it('says the rule and checks the length in the browser', async () => {
    const { element, submit, besidePassword } = await renderPage();
    expect(element.textContent).toContain('At least 12 characters');
    await submit('eleven char');
    expect(besidePassword()).toBe('Password must be at least 12 characters long.');
    TestBed.inject(HttpTestingController).expectNone('/api/auth/register');
  });

  it('refuses the email or the name in the password before asking the server', async () => {
    const { submit, besidePassword } = await renderPage();
    await submit('ada.lovelace@example.test');
    expect(besidePassword()).toBe('Password must not contain your email address or your name.');
    await submit('I am Ada Lovelace!');
    expect(besidePassword()).toBe('Password must not contain your email address or your name.');
    TestBed.inject(HttpTestingController).expectNone('/api/auth/register');
  });

  it("shows the server's refusal of a common password beside the field", async () => {
    const { fixture, element, submit, besidePassword } = await renderPage();
    await submit('password1234');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/register')
      .flush(
        {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          error: 'Bad Request',
          message: 'password: is too common or too easy to guess',
          details: [{ field: 'password', message: 'is too common or too easy to guess (this is similar to a commonly used password); use a longer phrase of a few unrelated words' }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(besidePassword()).toBe(
      'Password is too common or too easy to guess (this is similar to a commonly used password); use a longer phrase of a few unrelated words.',
    );
    expect(element.querySelector('p.error')).toBeNull();
  });

  it('says to check the inbox when the server mails an activation link (202), and stays on the page', async () => {
    const { fixture, element, submit } = await renderPage();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate');
    await submit('violet tractor umbrella');
    const request = TestBed.inject(HttpTestingController).expectOne('/api/auth/register');
    expect(request.request.body).toMatchObject({ email: 'ada.lovelace@example.test', displayName: 'Ada Lovelace' });
    request.flush({ status: 'activation-sent', message: 'Check your inbox.' }, { status: 202, statusText: 'Accepted' });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(element.querySelector('[role=status]')?.textContent).toContain('Check your inbox to activate your account');
    expect(element.textContent).toContain('ada.lovelace@example.test');
    expect(element.querySelector('form')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
    expect(TestBed.inject(AuthStore).isSignedIn()).toBe(false);
  });

  it('signs the new account in and opens the dashboard when it was created at once (201, no mailer)', async () => {
    const { fixture, submit } = await renderPage();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const auth = TestBed.inject(AuthStore);
    await submit('violet tractor umbrella');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/register')
      .flush({ ...login, user: { ...login.user, email: 'ada.lovelace@example.test' } }, { status: 201, statusText: 'Created' });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(auth.isSignedIn()).toBe(true);
    expect(auth.user()?.email).toBe('ada.lovelace@example.test');
    expect(auth.accessToken()).toBe(login.accessToken);
    expect(navigate).toHaveBeenCalledWith(['/dashboard']);
  });
});
