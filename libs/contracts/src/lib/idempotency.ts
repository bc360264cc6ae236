import { Type, type Static } from 'typebox';

/** The request header that names one new entry, so a client may send it again without storing it twice. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set to "true" on the answer to a repeated key: the entry was stored by an earlier request. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/**
 * Headers of a create request that may be retried (an offline outbox, a lost answer): a key the
 * client makes once per entry (a UUID) and sends on every attempt.
 */
export const IdempotencyKeyHeadersSchema = Type.Object({
  [IDEMPOTENCY_KEY_HEADER]: Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 100,
      pattern: '^[A-Za-z0-9_.:-]+$',
      description: 'A key the client makes once per new entry (a UUID) and repeats on every retry: the entry is stored once',
    }),
  ),
});
export type IdempotencyKeyHeaders = Static<typeof IdempotencyKeyHeadersSchema>;
