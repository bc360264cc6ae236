import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialogRef } from '@angular/material/dialog';
import { DeleteAccountDialog, isDeletionConfirmed } from './delete-account-dialog';

describe('isDeletionConfirmed', () => {
  it('takes the word in capitals, with spaces around it from a phone keyboard, and nothing else', () => {
    expect(isDeletionConfirmed('DELETE')).toBe(true);
    expect(isDeletionConfirmed(' DELETE ')).toBe(true);
    for (const typed of ['', 'delete', 'Delete', 'DELET', 'DELETE ME', 'yes']) expect(isDeletionConfirmed(typed), typed).toBe(false);
  });
});

describe('DeleteAccountDialog', () => {
  function open() {
    const dialogRef = { close: vi.fn(), disableClose: false };
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MatDialogRef, useValue: dialogRef }],
    });
    const fixture = TestBed.createComponent(DeleteAccountDialog);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const type = (autocomplete: string, value: string) => {
      const input = element.querySelector(`input[autocomplete="${autocomplete}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    // Not whenStable: it would wait for the request the test answers afterwards.
    const submit = () => {
      (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
      fixture.detectChanges();
    };
    return { fixture, element, dialogRef, type, submit, http: TestBed.inject(HttpTestingController) };
  }

  it('sends nothing until the password is given and DELETE typed, and says what is missing', async () => {
    const { element, type, submit, http, dialogRef } = open();
    submit();
    expect(element.querySelector('[role=alert]')?.textContent).toContain('Enter your password');
    type('current-password', 'my password');
    type('off', 'delete');
    submit();
    expect(element.querySelector('[role=alert]')?.textContent).toContain('Type DELETE in capital letters');
    expect(document.activeElement).toBe(element.querySelector('input[autocomplete="off"]'));
    http.expectNone('/api/me');

    type('off', 'DELETE');
    submit();
    const request = http.expectOne('/api/me');
    expect(request.request.method).toBe('DELETE');
    expect(request.request.body).toEqual({ password: 'my password' });
    expect(element.querySelector('[role=status]')?.textContent).toContain('Deleting your account');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await vi.waitFor(() => expect(dialogRef.close).toHaveBeenCalledWith(true));
    http.verify();
  });

  it('stays open on a wrong password, says so, and clears the password for another try', async () => {
    const { fixture, element, type, submit, http, dialogRef } = open();
    type('current-password', 'not my password');
    type('off', 'DELETE');
    submit();
    http
      .expectOne('/api/me')
      .flush(
        { statusCode: 401, error: 'Unauthorized', code: 'INVALID_CREDENTIALS', message: 'Email or password is wrong' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await vi.waitFor(() => {
      fixture.detectChanges();
      expect(element.querySelector('[role=alert]')?.textContent).toContain('That password is not right');
    });
    expect(dialogRef.close).not.toHaveBeenCalled();
    expect((element.querySelector('input[autocomplete="current-password"]') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(element.querySelector('input[autocomplete="current-password"]'));
  });
});
