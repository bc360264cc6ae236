import { decodeValue } from '../codec';
import { QuorumError } from '../errors';
import type { NearCacheCoordinator } from '../near-cache/coordinator';
import type { CachedEntry } from '../near-cache/near-cache';
import { partitionOfBytes } from '../partitioning';
import type { Invocation } from './invocation';
import type { MapServiceOptions } from './options';
import { isExpired, keyIdOf } from './record-store';
import type { OperationRecorder } from './stats';
import { decodeRead, decodeWriteResult, type Mutation, type OpBody, type ReadResult, type WriteResult } from './wire';

/** An entry as read by `get`: the decoded value (deep-frozen on maps with a near cache). */
export type ReadEntry = CachedEntry;

const NOT_SERVED = Symbol('not-served');

/** Freezes a decoded value and everything in it (typed arrays cannot be frozen and stay as they are). */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) for (const item of value) deepFreeze(item);
  else for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

export type MapCallerOptions = Pick<
  MapServiceOptions,
  'messenger' | 'membership' | 'partitions' | 'store' | 'quorum' | 'leaseValid' | 'durableWrites' | 'checkActive'
>;

/** The calls a member's maps make: reads (from memory where it may) and writes, sent to the partition's owner. */
export class MapCaller {
  constructor(
    private readonly options: MapCallerOptions,
    private readonly invocation: Invocation,
    private readonly near: NearCacheCoordinator,
    private readonly stats: OperationRecorder,
  ) {}

  /**
   * Reads an entry: from an owned partition directly, from the near cache, or from the owner.
   * The key travels in the two forms the caller has anyway, `key` as given (the near cache
   * indexes string and number keys by it) and `keyBytes`, its MessagePack encoding (partition,
   * wire); `keyId`, those bytes as a string, is made only to look up a store or a near cache.
   */
  async read(map: string, key: unknown, keyBytes: Uint8Array): Promise<ReadEntry | undefined> {
    const { options, near } = this;
    options.checkActive();
    // Below quorum and unconfirmed, no lease is coming back soon: say so at once rather than wait out the operation timeout.
    if (options.quorum.degraded && !options.leaseValid()) {
      throw new QuorumError('this member is below quorum and not confirmed by the cluster: it cannot vouch for what it holds');
    }
    const { partitions } = options;
    const p = partitionOfBytes(keyBytes, partitions.partitionCount);
    const cache = near.cacheOf(map);
    const freeze = cache !== undefined;
    if (partitions.isOwner(p)) {
      const started = performance.now();
      const local = this.readOwned(map, p, keyBytes, freeze);
      if (local !== NOT_SERVED) {
        this.stats.record('get', started, false);
        return local;
      }
    } else if (cache) {
      const keyId = keyIdOf(keyBytes);
      const hit = near.hitById(cache, keyId);
      if (hit) return hit;
      const token = near.beginRead(cache, keyId);
      let entry: ReadEntry | undefined;
      try {
        entry = this.readEntry(decodeRead(await this.invocation.invoke({ map, p, k: keyBytes, op: 'get' })), p, true);
      } catch (error) {
        near.fill(cache, keyId, token, undefined, key);
        throw error;
      }
      near.fill(cache, keyId, token, entry, key);
      return entry;
    }
    return this.readEntry(decodeRead(await this.invocation.invoke({ map, p, k: keyBytes, op: 'get' })), p, freeze);
  }

  /**
   * Runs a write on the partition owner. On a map with a near cache this member drops the key
   * itself when the call settles (see NearCacheCoordinator's `writeSettled`).
   */
  async mutate(map: string, keyBytes: Uint8Array, mutation: Mutation, durable = false): Promise<unknown> {
    this.options.checkActive();
    this.options.quorum.checkWrite();
    const p = partitionOfBytes(keyBytes, this.options.partitions.partitionCount);
    const cache = this.near.cacheOf(map);
    const body: OpBody = { map, p, k: keyBytes, ...mutation, ...((durable || this.options.durableWrites) && { durable: true }) };
    let written: WriteResult;
    try {
      written = decodeWriteResult(await this.invocation.invoke(body));
    } catch (error) {
      this.near.writeSettled(cache, keyBytes);
      throw error;
    }
    this.near.writeSettled(cache, keyBytes, written);
    return written.r;
  }

  async size(map: string): Promise<number> {
    this.options.checkActive();
    const sizes = await Promise.all(
      this.options.membership.members.map((m) => this.options.messenger.request(m.address, 'map.local-size', { map }) as Promise<number>),
    );
    return sizes.reduce((sum, n) => sum + n, 0);
  }

  async clear(map: string): Promise<void> {
    this.options.checkActive();
    this.options.quorum.checkWrite();
    await Promise.all(this.options.membership.members.map((m) => this.options.messenger.request(m.address, 'map.clear', { map })));
  }

  /** A read of a partition this member owns, without a round through the messenger; NOT_SERVED if it cannot serve it now. */
  private readOwned(map: string, p: number, keyBytes: Uint8Array, freeze: boolean): ReadEntry | undefined | typeof NOT_SERVED {
    try {
      this.options.partitions.checkRead(p);
    } catch {
      return NOT_SERVED; // invoke() retries as usual
    }
    const stored = this.options.store.get(p, map, keyIdOf(keyBytes));
    const now = Date.now();
    if (!stored || isExpired(stored, now)) return undefined;
    // Decode from a copy: decoded binary fields would otherwise share the stored buffer.
    let value: unknown;
    if (!freeze) value = decodeValue(Buffer.from(stored.value));
    else value = stored.decoded ??= deepFreeze(decodeValue(Buffer.from(stored.value)));
    return { value, version: stored.version, expiresAt: stored.expiresAt, partition: p };
  }

  private readEntry(result: ReadResult | undefined, p: number, freeze: boolean): ReadEntry | undefined {
    if (!result) return undefined;
    const value = decodeValue(Buffer.from(result.v));
    return {
      value: freeze ? deepFreeze(value) : value,
      version: result.ver,
      expiresAt: result.ttl ? Date.now() + result.ttl : 0,
      partition: p,
    };
  }
}
