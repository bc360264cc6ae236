import { HttpErrorResponse } from '@angular/common/http';
import { describeHttpError } from './api-error';

describe('describeHttpError', () => {
  const refused = (details: { field: string; message: string }[]) =>
    new HttpErrorResponse({ status: 400, error: { statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED', message: 'x', details } });

  it('names fields as a person reads them and hides schema patterns', () => {
    expect(describeHttpError(refused([{ field: 'email', message: 'must match pattern "^\\s*[^\\s@]+@..."' }]))).toBe('Email is not in the expected form');
    expect(describeHttpError(refused([{ field: 'currentPassword', message: 'is not your current password' }]))).toBe(
      'Current password is not your current password',
    );
    expect(describeHttpError(refused([{ field: 'mapping.timestamp', message: 'is required' }, { field: 'note', message: 'is too long' }]))).toBe(
      'Timestamp is required. Note is too long',
    );
  });

  it('says when the server cannot be reached, and falls back to the message or a generic sentence', () => {
    expect(describeHttpError(new HttpErrorResponse({ status: 0 }))).toMatch(/Cannot reach GlucoDiary/);
    expect(describeHttpError(new HttpErrorResponse({ status: 409, error: { message: 'An account with this email already exists.' } }))).toBe(
      'An account with this email already exists.',
    );
    expect(describeHttpError(new Error('boom'))).toBe('Something went wrong. Please try again.');
  });
});
