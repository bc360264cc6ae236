import type { Lifecycle, MemberState } from './lifecycle';
import type { MapService, OperationStats, RecordStore } from './map';
import type { Heartbeats } from './membership/heartbeat';
import type { MembershipLease } from './membership/lease';
import type { Membership } from './membership/membership';
import type { NearCacheStats } from './near-cache';
import type { PartitionService } from './partitioning/partition-service';
import type { QuorumGuard } from './quorum/quorum';
import type { TopicService } from './topic/topic-service';
import type { MessageCounts, Messenger } from './transport/messenger';

export interface MemberStats {
  id: string;
  address: string;
  state: MemberState;
  degraded: boolean;
  lease: {
    /** See `Member.leaseValid`. */
    valid: boolean;
    /** Near-cached values are served: the lease holds and every member answered a heartbeat within the lease. */
    nearCache: boolean;
  };
  coordinator: boolean;
  members: Array<{ id: string; address: string; ageMs: number; coordinator: boolean; leaving: boolean; self: boolean }>;
  partitions: {
    count: number;
    owned: number;
    backups: number;
    tableVersion: number;
    migrationsInProgress: number;
    /** Partition moves completed in rounds this member coordinated. */
    migrationsCompleted: number;
  };
  maps: Record<string, { ownedEntries: number; backupEntries: number; approxBytes: number }>;
  operations: Record<string, OperationStats & { avgMs: number }>;
  nearCaches: Record<string, NearCacheStats>;
  topics: { published: number; delivered: number };
  /** Requests and one-way messages exchanged with other members since start, by operation (e.g. `map.event`). */
  messages: MessageCounts;
}

export interface StatsSources {
  member: Lifecycle & { readonly id: string; readonly address: string };
  quorum: Pick<QuorumGuard, 'degraded'>;
  lease: Pick<MembershipLease, 'valid'>;
  heartbeats: Pick<Heartbeats, 'nearCacheServable'>;
  membership: Membership;
  partitions: PartitionService;
  store: RecordStore;
  maps: Pick<MapService, 'operationStats' | 'nearCacheStats'>;
  topics: Pick<TopicService, 'published' | 'delivered'>;
  messenger: Pick<Messenger, 'messageCounts'>;
}

/** Assembles a member's stats from its collaborators. */
export class StatsCollector {
  constructor(private readonly sources: StatsSources) {}

  collect(now = Date.now()): MemberStats {
    const { member, membership, partitions, maps } = this.sources;
    const coordinatorId = membership.coordinator.id;
    const owned = partitions.partitionsAt('owner');
    const backups = partitions.partitionsAt('backup');
    const operations: MemberStats['operations'] = {};
    for (const [name, op] of Object.entries(maps.operationStats())) {
      operations[name] = { ...op, avgMs: op.count === 0 ? 0 : op.totalMs / op.count };
    }
    return {
      id: member.id,
      address: member.address,
      state: member.state,
      degraded: this.sources.quorum.degraded,
      lease: { valid: this.sources.lease.valid(), nearCache: this.sources.heartbeats.nearCacheServable(now) },
      coordinator: membership.isCoordinator,
      members: membership.members.map((m) => ({
        id: m.id,
        address: m.address,
        ageMs: now - m.startedAt,
        coordinator: m.id === coordinatorId,
        leaving: m.leaving === true,
        self: m.id === member.id,
      })),
      partitions: {
        count: partitions.partitionCount,
        owned: owned.length,
        backups: backups.length,
        tableVersion: partitions.currentTable?.version ?? 0,
        migrationsInProgress: partitions.migrationsInProgress,
        migrationsCompleted: partitions.migrationsCompleted,
      },
      maps: this.mapStats(owned, backups, now),
      operations,
      nearCaches: maps.nearCacheStats(),
      topics: { published: this.sources.topics.published, delivered: this.sources.topics.delivered },
      messages: this.sources.messenger.messageCounts(),
    };
  }

  private mapStats(owned: number[], backups: number[], now: number): MemberStats['maps'] {
    const { store } = this.sources;
    const maps: MemberStats['maps'] = {};
    for (const name of store.allMapNames()) {
      const count = (partitions: number[]) => partitions.reduce((sum, p) => sum + store.countLive(p, name, now), 0);
      maps[name] = {
        ownedEntries: count(owned),
        backupEntries: count(backups),
        approxBytes: store.approximateBytes(name, [...owned, ...backups]),
      };
    }
    return maps;
  }
}
