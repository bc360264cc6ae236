import createError from '@fastify/error';

/**
 * The API's own coded errors. Each `code` is part of the contract: clients may branch on it.
 * The error handler turns any of them into the shared ApiError shape.
 */
export const EmailTakenError = createError('EMAIL_TAKEN', 'An account with this email already exists', 409);
export const InvalidCredentialsError = createError('INVALID_CREDENTIALS', 'Email or password is wrong', 401);
/** Activation: the link is unknown, expired or used already (one code for all: none is worth telling apart). */
export const ActivationLinkInvalidError = createError(
  'ACTIVATION_LINK_INVALID',
  'This activation link is not valid: it may have expired or been used already. Register again to get a new one.',
  400,
);
export const NotFoundError = createError('NOT_FOUND', '%s', 404);
/** A request that only a page of this site may make (the refresh cookie's exchange) came from elsewhere. */
export const OriginRefusedError = createError('ORIGIN_REFUSED', 'This request must come from a page of this site.', 403);
/** A 429 that says when to try again: the error handler sends `retry-after` with it. */
export class RetryLaterError extends Error {
  readonly statusCode = 429;
  readonly code = 'RATE_LIMITED';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
export class TooManyAttemptsError extends RetryLaterError {
  constructor(retryAfterSeconds: number) {
    super(`Too many sign-in attempts; try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds);
  }
}
/** Import: the upload is not a text CSV file, or has no header row to read it by. */
export const NotCsvError = createError('NOT_CSV', '%s', 400);
/** Import: a CSV, but not one this format (or this column mapping) can read. */
export const UnreadableFileError = createError('UNREADABLE_FILE', '%s', 400);
export const FileRequiredError = createError('FILE_REQUIRED', '%s', 400);
export const FileTooLargeError = createError('FILE_TOO_LARGE', '%s', 413);
/** Import: the multipart body itself is broken (no boundary, cut short, too many parts). */
export const MalformedUploadError = createError('MALFORMED_UPLOAD', '%s', 400);
/** Import: the user has an import running (on any instance); one at a time. */
export const UploadGoneError = createError(
  'UPLOAD_GONE',
  'This upload is no longer kept (it was committed, cancelled, or is older than an hour): upload the file again.',
  404,
);
export const ImportCancelledError = createError('IMPORT_CANCELLED', 'The import was cancelled: nothing of it was stored.', 409);
export const ImportInProgressError = createError('IMPORT_IN_PROGRESS', 'Another import of yours is still running; wait until it has finished.', 409);

/** A create request repeated an Idempotency-Key an earlier, different request used. */
export const IdempotencyKeyReusedError = createError(
  'IDEMPOTENCY_KEY_REUSED',
  'This Idempotency-Key was already used for a different entry: make a new key for each new entry.',
  422,
);

/** Account deletion: new sign-ins kept arriving while the account's sessions were being ended. */
export const AccountBusyError = createError('ACCOUNT_BUSY', 'The account kept being signed in while it was being deleted; try again.', 409);

/** A rule a JSON schema cannot express (cross-field or clock-dependent); reported like schema errors. */
export class FieldValidationError extends Error {
  readonly statusCode = 400;
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly details: { field: string; message: string }[]) {
    super(details.map((detail) => `${detail.field}: ${detail.message}`).join('; '));
  }
}
/** Devices: an account holds at most DEVICES_MAX device secrets; revoke one first. */
export const TooManyDevicesError = createError('TOO_MANY_DEVICES', 'You have %s device secrets already: revoke one you no longer use first.', 409);
/** Nightscout API: no device secret, or one that is unknown or revoked (Nightscout's own words in `message`). */
export const DeviceUnauthorizedError = createError('UNAUTHORIZED', 'Unauthorized', 401);
/** Nightscout API: a read-only device secret tried to write. */
export const DeviceScopeError = createError('FORBIDDEN', 'This device secret may only read: create one with the upload scope to send data.', 403);
/** Nightscout API: a device sends faster than any uploader needs to. */
export class DeviceRateLimitedError extends RetryLaterError {
  constructor(retryAfterSeconds: number) {
    super(`Too many requests from this device; try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds);
  }
}
