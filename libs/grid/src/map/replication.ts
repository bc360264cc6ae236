import { WrongOwnerError } from '../errors';
import type { MemberInfo } from '../membership';
import type { NearCacheCoordinator } from '../near-cache/coordinator';
import type { Sender } from '../transport';
import { BackupRelays } from './backup-relay';
import type { MapServiceOptions } from './options';
import { entryOf, keyIdOf, remainingTtl, type Entry } from './record-store';
import { decodeBackup, encodeBackup, markNotDurable, type BackupBody, type OpBody } from './wire';

/** How a write to a backup ended (see `Replication.replicate`). */
export type BackupOutcome = 'stored' | 'refused' | 'failed';

// A backup that refused the write still dropped the key from its near cache.
const confirmsInvalidation = (outcome: BackupOutcome): boolean => outcome !== 'failed';

/** Whether the backup dropped the key from its near cache (see BackupBody's `inv`). */
export function backupInvalidated(outcome: Promise<BackupOutcome>): Promise<boolean> {
  return outcome.then(confirmsInvalidation);
}

export type ReplicationOptions = Pick<MapServiceOptions, 'messenger' | 'membership' | 'partitions' | 'store' | 'nearCacheLeaseMs' | 'logger'>;

/**
 * The `map.backup` message at both ends: the owner sends each write to the partition's backups
 * (or hands it over with its answer, see BackupRelays); a backup applies it.
 */
export class Replication {
  private readonly relays: BackupRelays;

  constructor(
    private readonly options: ReplicationOptions,
    private readonly near: NearCacheCoordinator,
  ) {
    const { messenger } = options;
    messenger.handle('map.backup', (body: unknown, from) => this.onBackup(decodeBackup(body, from.address), from));
    this.relays = new BackupRelays({
      messenger,
      self: () => options.membership.self,
      nearCacheLeaseMs: options.nearCacheLeaseMs,
      logger: options.logger,
    });
  }

  /** What a backup is sent for a key: its entry after the write (none: deleted), at `version`. */
  bodyOf(body: OpBody, entry: Entry | undefined, version: number, invalidate: boolean, now: number): BackupBody {
    return {
      map: body.map,
      p: body.p,
      k: body.k,
      v: entry ? entry.value : null,
      ttl: entry ? remainingTtl(entry, now) : 0,
      upd: entry ? entry.updatedAt : now,
      ver: version,
      tv: this.options.partitions.currentTable!.version,
      inv: invalidate,
    };
  }

  /**
   * Sends a write to a backup and waits for it: `stored`, `refused` (its handler refused it but
   * still invalidated its near cache) or `failed` (no answer: it may or may not hold it).
   */
  replicate(address: string, backupBody: BackupBody): Promise<BackupOutcome> {
    return this.options.messenger.request(address, 'map.backup', encodeBackup(backupBody)).then(
      () => 'stored' as const,
      (error: unknown) => {
        this.options.logger.warn('backup write failed', { address, error: String(error) });
        return error instanceof WrongOwnerError ? ('refused' as const) : ('failed' as const);
      },
    );
  }

  /** Sends the write to its backup with the owner's answer for the requester (see BackupRelays.handOver); false when it cannot. */
  handOver(backup: MemberInfo, requester: Sender, answer: unknown, nearCache: boolean, release: () => void, backupBody: BackupBody): boolean {
    return this.relays.handOver(backup.id, requester, answer, nearCache, release, (re) =>
      this.options.messenger.sendNow(backup.address, 'map.backup', encodeBackup(backupBody, re)),
    );
  }

  /** Writes relayed to the member may be lost (see BackupRelays). */
  backupLost(memberId: string): void {
    this.relays.backupLost(memberId);
  }

  /** Applies a backup write; one that carries the owner's answer is answered to the requester, applied or refused. */
  private onBackup(body: BackupBody, sender: Sender): void {
    if (!body.re) return this.applyBackup(body, sender.memberId);
    try {
      this.applyBackup(body, sender.memberId);
    } catch (error) {
      // The owner applied the write, so its answer stands (as when an owner's backup request is
      // refused), but not as a durable one: this backup does not hold it.
      this.options.logger.warn('backup write refused', { partition: body.p, error: String(error) });
      this.relays.answer({ ...body.re, res: markNotDurable(body.re.res) }, sender);
      return;
    }
    this.relays.answer(body.re, sender);
  }

  private applyBackup({ map, p, k: keyBytes, v: value, ttl, upd, ver: version, tv, inv }: BackupBody, senderId: string): void {
    const { store, partitions } = this.options;
    const keyId = keyIdOf(keyBytes);
    // First, so that the owner may count even a refused backup as a confirmed invalidation.
    if (inv) this.near.invalidateHere(map, keyId, version);
    // Only the owner may replicate, unless the sender already runs on a table newer than ours.
    if (partitions.ownerOf(p)?.id !== senderId && tv <= (partitions.currentTable?.version ?? 0)) {
      throw new WrongOwnerError(`backup for partition ${p} from a member that does not own it`);
    }
    store.observeVersion(p, version);
    const existing = store.get(p, map, keyId);
    if (existing && existing.version >= version) return;
    if (value === null) store.remove(p, map, keyId);
    else store.put(p, map, keyId, entryOf(keyBytes, value, version, ttl, upd, Date.now()));
  }
}
