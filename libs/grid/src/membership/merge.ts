import { EventEmitter } from 'node:events';
import type { Lifecycle } from '../lifecycle';
import { inBackground, type Logger } from '../logger';
import type { MapService } from '../map';
import type { PartitionDataStore, WireEntry } from '../partitioning/partition-data';
import type { PartitionService } from '../partitioning/partition-service';
import type { Membership } from './membership';

const MERGE_CONCURRENCY = 16;

export interface ClusterMergeOptions {
  membership: Membership;
  /** Probes and rejoins happen only in some states of the member. */
  lifecycle: Lifecycle;
  /** Addresses probed for another cluster, besides those of former members. */
  discoverSeeds: () => Promise<string[]>;
  /** Forgets the current cluster and joins the one at `address`: the member's part of a rejoin. */
  joinAnew: (address: string) => Promise<void>;
  partitions: Pick<PartitionService, 'partitionsAt'>;
  store: Pick<PartitionDataStore, 'snapshot'>;
  maps: Pick<MapService, 'mutate'>;
  /** How often the coordinator looks for another cluster. */
  intervalMs: number;
  logger: Logger;
}

export interface ClusterMergeEvents {
  /** This member merged into another cluster after a split; `entries` were offered to it. */
  merged: [entries: number];
}

type SavedEntry = { map: string; entry: WireEntry };

/**
 * Split-brain merging: the coordinator looks for another cluster from time to time (see
 * `Membership.probeForeignClusters`), and a member that must join another cluster (or rejoin
 * its own, having been dropped) does it here.
 */
export class ClusterMerge extends EventEmitter<ClusterMergeEvents> {
  private timer: NodeJS.Timeout | undefined;
  private rejoining = false;

  constructor(private readonly options: ClusterMergeOptions) {
    super();
  }

  start(): void {
    this.timer = setInterval(() => inBackground(this.options.logger, 'merge probe', this.probeForeignClusters()), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Leaves the current cluster view and joins the cluster at `address`.
   *
   * After a split (`offerEntries`), the entries this member owned are offered to their new
   * owners, where the most recently updated version of a key wins. A member that was merely
   * dropped by its own cluster offers nothing: the cluster waited for this member's owner
   * lease to lapse before moving its partitions, and every write it acknowledged before
   * that is on a backup, so its local copies can only be stale.
   */
  async rejoin(address: string, offerEntries: boolean): Promise<void> {
    const { lifecycle, logger } = this.options;
    if (this.rejoining || lifecycle.state === 'stopped' || lifecycle.state === 'leaving') return;
    this.rejoining = true;
    try {
      const saved = offerEntries ? this.ownedEntries() : [];
      logger.warn(offerEntries ? 'merging into another cluster' : 'rejoining the cluster', { address, entries: saved.length });
      await this.options.joinAnew(address);
      if (!offerEntries) return;
      await this.offer(saved);
      this.emit('merged', saved.length);
    } finally {
      this.rejoining = false;
    }
  }

  private async probeForeignClusters(): Promise<void> {
    const { membership } = this.options;
    if (this.options.lifecycle.state !== 'joined' || this.rejoining || !membership.isCoordinator) return;
    const addresses = new Set([...(await this.options.discoverSeeds()), ...membership.formerAddresses]);
    await membership.probeForeignClusters([...addresses]);
  }

  private ownedEntries(): SavedEntry[] {
    const saved: SavedEntry[] = [];
    for (const p of this.options.partitions.partitionsAt('owner')) {
      for (const { name, entries } of this.options.store.snapshot(p).maps) for (const entry of entries) saved.push({ map: name, entry });
    }
    return saved;
  }

  private async offer(saved: readonly SavedEntry[]): Promise<void> {
    const queue = [...saved];
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const { map, entry } = item;
        await this.options.maps.mutate(map, entry.k, { op: 'merge', v: entry.v, ttl: entry.ttl, upd: entry.upd }).catch((error: unknown) => {
          this.options.logger.warn('entry could not be merged', { map, error: String(error) });
        });
      }
    };
    await Promise.all(Array.from({ length: MERGE_CONCURRENCY }, worker));
  }
}
