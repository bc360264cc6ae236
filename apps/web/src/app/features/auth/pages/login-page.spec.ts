import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SESSION_STORAGE } from '../../../core/auth/auth.store';
import { memoryStorage } from '../../../core/auth/auth.testing';
import { LoginPage } from './login-page';

/** The page as a link opens it, `email` bound from the query string (the activation page's "Sign in" sends it). */
async function openWith(email: string | undefined) {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), { provide: SESSION_STORAGE, useValue: memoryStorage() }],
  });
  const fixture = TestBed.createComponent(LoginPage);
  if (email !== undefined) fixture.componentRef.setInput('email', email);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const field = (autocomplete: string) => element.querySelector(`input[autocomplete="${autocomplete}"]`) as HTMLInputElement;
  return { element, field };
}

describe('LoginPage', () => {
  it('fills in the address it was sent with, so only the password is left to type', async () => {
    const { field } = await openWith('ada@example.test');
    expect(field('username').value).toBe('ada@example.test');
    expect(field('current-password').value).toBe('');
  });

  it('starts empty without one', async () => {
    const { field } = await openWith(undefined);
    expect(field('username').value).toBe('');
  });
});
