import type { Entry } from './record-store';
import type { Mutation } from './wire';

/** What a mutation answers, and how it changes the entry (none: it leaves it as it is). */
export interface Decision {
  result: unknown;
  change?: 'delete' | { value: Uint8Array; ttl: number; updatedAt?: number };
}

/** Decides a mutation against the owner's current (live) entry. */
export function decide(mutation: Mutation, current: Entry | undefined): Decision {
  switch (mutation.op) {
    case 'set':
      return { result: undefined, change: { value: mutation.v, ttl: mutation.ttl } };
    case 'setIfAbsent':
      return current ? { result: false } : { result: true, change: { value: mutation.v, ttl: mutation.ttl } };
    case 'cas':
      return current?.version === mutation.expected
        ? { result: true, change: { value: mutation.v, ttl: mutation.ttl } }
        : { result: false };
    case 'delete':
      return current ? { result: true, change: 'delete' } : { result: false };
    case 'merge':
      // Latest update wins; on a tie the entry already in this cluster stays.
      return current && current.updatedAt >= mutation.upd
        ? { result: false }
        : { result: true, change: { value: mutation.v, ttl: mutation.ttl, updatedAt: mutation.upd } };
  }
}
