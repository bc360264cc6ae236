import type { CreateReadingBody, CreateTreatmentBody } from '@glucodiary/contracts';

/** What an entry of the outbox will create: a reading, or a treatment (insulin, carbs, a note…). */
export type OutboxKind = 'reading' | 'treatment';

/**
 * An entry logged while the API could not be reached, kept on this device until it is stored.
 * `key` is the idempotency key made when the user pressed Save and sent on every attempt, so
 * an attempt whose answer was lost and is sent again is stored once.
 */
export type OutboxEntry = {
  key: string;
  /** Whose entry this is: only that user's session ever sends or shows it. */
  userId: string;
  /** Epoch ms when it was logged. */
  queuedAt: number;
  /** `refused`: the API answered with a refusal (4xx) that sending again will not change. */
  state: 'waiting' | 'refused';
  /** Why the API refused it, in words for the user. */
  reason: string | null;
} & ({ kind: 'reading'; body: CreateReadingBody } | { kind: 'treatment'; body: CreateTreatmentBody });
