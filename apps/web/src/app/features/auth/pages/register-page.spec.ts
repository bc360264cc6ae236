import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
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
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
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
});
