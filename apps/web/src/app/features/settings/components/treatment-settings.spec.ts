import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthStore, SESSION_STORAGE } from '../../../core/auth/auth.store';
import { login, memoryStorage } from '../../../core/auth/auth.testing';
import { TreatmentSettings } from './treatment-settings';

/** Lets the component's awaits run after an answer was flushed. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

async function render(insulinNames: string[] = ['Humalog']) {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), { provide: SESSION_STORAGE, useValue: memoryStorage() }],
  });
  TestBed.inject(AuthStore).signedIn({ ...login, user: { ...login.user, insulinNames } });
  const fixture = TestBed.createComponent(TreatmentSettings);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const input = (name: string) => element.querySelector(`input[name=${name}]`) as HTMLInputElement;
  const type = async (name: string, value: string) => {
    input(name).value = value;
    input(name).dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const names = () => Array.from(element.querySelectorAll('li .name')).map((span) => span.textContent?.trim());
  const button = (text: string) => Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === text) as HTMLButtonElement;
  const addName = async (name: string) => {
    await type('newName', name);
    (element.querySelector('form.add') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };
  return { fixture, element, input, type, names, button, addName, http: TestBed.inject(HttpTestingController) };
}

describe('TreatmentSettings', () => {
  it('adds and removes insulin names, refuses one already listed whatever its case, and saves them with the grams per serving', async () => {
    const { fixture, element, names, button, addName, type, http } = await render(['Humalog']);
    expect(names()).toEqual(['Humalog']);
    expect(button('Save insulins and servings').disabled).toBe(true);

    await addName('  Tresiba ');
    await addName('humalog');
    expect(names()).toEqual(['Humalog', 'Tresiba']);
    expect(element.querySelector('[role=alert]')?.textContent).toContain('"humalog" is already in your list.');

    (element.querySelector('button[aria-label="Remove Humalog"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(names()).toEqual(['Tresiba']);
    await type('gramsPerServing', '12');

    button('Save insulins and servings').click();
    const patch = http.expectOne({ method: 'PATCH', url: '/api/me' });
    expect(patch.request.body).toEqual({ insulinNames: ['Tresiba'], gramsPerServing: 12 });
    patch.flush({ ...login.user, insulinNames: ['Tresiba'], gramsPerServing: 12 });
    await settle();
    await fixture.whenStable();
    expect(element.querySelector('[role=status]')?.textContent).toContain('Insulins and servings saved.');
    expect(TestBed.inject(AuthStore).user()?.insulinNames).toEqual(['Tresiba']);
    expect(button('Save insulins and servings').disabled).toBe(true);
  });

  it('refuses grams per serving outside 5–25 g or off the half-gram steps, sending nothing', async () => {
    const { fixture, element, type, button, http } = await render();
    for (const grams of ['4', '26', '10.3']) {
      await type('gramsPerServing', grams);
      button('Save insulins and servings').click();
      await fixture.whenStable();
      expect(element.querySelector('[role=alert]')?.textContent).toContain('Grams per serving must be between 5 and 25, in steps of 0.5.');
    }
    http.expectNone({ method: 'PATCH', url: '/api/me' });
  });
});
