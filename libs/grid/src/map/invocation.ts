import {
  ConnectionClosedError,
  GridError,
  OperationTimeoutError,
  PartitionMigratingError,
  RequestTimeoutError,
  WriteNotDurableError,
  WrongOwnerError,
} from '../errors';
import type { RequestOptions } from '../transport';
import type { MapServiceOptions } from './options';
import type { OperationRecorder } from './stats';
import { encodeOp, isNotDurable, type OpBody } from './wire';

/** Operations whose repetition after an unknown outcome leaves the same state behind. */
const REPEATABLE = new Set(['get', 'set', 'delete', 'merge']);

export type InvocationOptions = Pick<
  MapServiceOptions,
  'messenger' | 'membership' | 'partitions' | 'requestTimeoutMs' | 'operationTimeoutMs' | 'nearCacheLeaseMs'
>;

/** The caller's side of an operation: it goes to the partition's owner, and again while partitions move. */
export class Invocation {
  constructor(
    private readonly options: InvocationOptions,
    private readonly stats: OperationRecorder,
  ) {}

  /**
   * Sends the operation to the partition's owner, retrying while partitions move; resolves to the
   * owner's (encoded) answer. A `durable` write whose answer says it is not known to be durable
   * is tried again when repeating it is safe (a backup may be paused or being replaced), and
   * otherwise fails with WriteNotDurableError.
   */
  async invoke(body: OpBody): Promise<unknown> {
    const durable = body.durable === true;
    const kind = body.op;
    const message = encodeOp(body);
    const started = performance.now();
    const deadline = Date.now() + this.options.operationTimeoutMs;
    let lastError: unknown;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const owner = this.options.partitions.ownerOf(body.p);
      try {
        if (!owner) throw new PartitionMigratingError(`partition ${body.p} has no owner yet`);
        const result = await this.options.messenger.request(owner.address, 'map.op', message, this.requestOptions(body, owner.id));
        if (durable && isNotDurable(result)) {
          throw new WriteNotDurableError(`${kind} on map "${body.map}" may have been applied but is not known to survive its owner (partition ${body.p})`);
        }
        this.stats.record(kind, started, false);
        return result;
      } catch (error) {
        lastError = error;
        // After a timeout, a close with the request sent or a write not known to be durable, only repeatable operations may try again.
        const outcomeUnknown =
          (error instanceof ConnectionClosedError && error.maybeDelivered) || error instanceof RequestTimeoutError || error instanceof WriteNotDurableError;
        const retry = error instanceof GridError && (outcomeUnknown ? REPEATABLE.has(kind) : error.retryable);
        if (!retry) {
          this.stats.record(kind, started, true);
          throw error;
        }
        if (error instanceof WrongOwnerError) this.refreshTable();
        await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** attempt, 250)));
      }
    }
    this.stats.record(kind, started, true);
    if (lastError instanceof WriteNotDurableError) throw lastError;
    throw new OperationTimeoutError(`${kind} on map "${body.map}" did not complete within ${this.options.operationTimeoutMs} ms`, lastError);
  }

  /**
   * A write waits on the owner for backups and invalidations (each bounded by requestTimeoutMs)
   * and maybe a lease; its answer may come from the partition's backup (see MapOwner's `write`),
   * whose loss then fails the call as "maybe applied" (retried where that is safe) instead of a timeout.
   */
  private requestOptions(body: OpBody, ownerId: string): RequestOptions {
    const { requestTimeoutMs, nearCacheLeaseMs, partitions } = this.options;
    if (body.op === 'get') return { timeoutMs: requestTimeoutMs };
    const backupId = partitions.firstBackupId(body.p);
    const relayedBy = backupId === ownerId || backupId === this.options.membership.self.id ? undefined : backupId;
    const timeoutMs = 2 * requestTimeoutMs + nearCacheLeaseMs;
    return relayedBy === undefined ? { timeoutMs } : { timeoutMs, relayedBy };
  }

  private refreshTable(): void {
    const { partitions, membership } = this.options;
    partitions.catchUp((partitions.currentTable?.version ?? 0) + 1, membership.coordinator.address).catch(() => {
      // The coordinator is unreachable; a later heartbeat or retry will catch up.
    });
  }
}
