import { IDEMPOTENT_REPLAYED_HEADER } from '@glucodiary/contracts';
import { Prisma } from '@glucodiary/db';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { IdempotencyKeyReusedError } from './errors';

/** A client's key for one new entry, with the fingerprint of the request that carried it. */
export interface ClientKey {
  key: string;
  request: string;
}

export interface StoredOnce<Row> {
  row: Row;
  /** True when an earlier request with the same key stored it: nothing new was stored. */
  replayed: boolean;
}

/** The key of a retryable create request (the Idempotency-Key header), or none. */
export function clientKeyOf(key: string | undefined, body: unknown): ClientKey | undefined {
  return key === undefined ? undefined : { key, request: createHash('sha256').update(canonicalJson(body)).digest('base64url') };
}

/**
 * Stores an entry at most once per client key: an offline outbox or a client whose answer was lost
 * sends the same key again and gets the entry stored the first time. The unique (user, key) index
 * decides a race between two attempts in flight; the loser answers with the winner's entry. A used
 * key with a different request is refused rather than silently answered with another entry.
 */
export async function storeOnce<Row extends { clientKeyRequest: string | null }>(
  clientKey: ClientKey | undefined,
  find: (key: string) => Promise<Row | null>,
  create: () => Promise<Row>,
): Promise<StoredOnce<Row>> {
  if (!clientKey) return { row: await create(), replayed: false };
  const earlier = await find(clientKey.key);
  if (earlier) return replayed(earlier, clientKey);
  try {
    return { row: await create(), replayed: false };
  } catch (error) {
    const lostRace = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
    const winner = lostRace ? await find(clientKey.key) : null;
    if (!winner) throw error;
    return replayed(winner, clientKey);
  }
}

/** 201 for a new entry; 200 and `idempotent-replayed: true` for one an earlier request stored. */
export function sendStored<Entry>(reply: FastifyReply, { row, replayed }: StoredOnce<Entry>) {
  return replayed ? reply.status(200).header(IDEMPOTENT_REPLAYED_HEADER, 'true').send(row) : reply.status(201).send(row);
}

function replayed<Row extends { clientKeyRequest: string | null }>(row: Row, clientKey: ClientKey): StoredOnce<Row> {
  if (row.clientKeyRequest !== clientKey.request) throw new IdempotencyKeyReusedError();
  return { row, replayed: true };
}

/** JSON with object keys sorted, so the same request fingerprints the same in any key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
