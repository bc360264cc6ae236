import { EventEmitter } from 'node:events';
import { NotCoordinatorError, PartitionMigratingError, RequestTimeoutError, WrongOwnerError } from '../errors';
import type { Logger } from '../logger';
import type { MemberInfo, Membership } from '../membership';
import type { MessageBus } from '../transport';
import { assignPartitions, type ReplicaTable } from './assignment';
import { splitSnapshot, type PartitionDataStore, type PartitionSnapshot } from './partition-data';

export interface PartitionTable {
  version: number;
  /** replicas[p] = [ownerId, backupId, ...] */
  replicas: string[][];
}

export interface PartitionServiceOptions {
  messenger: MessageBus;
  membership: Membership;
  store: PartitionDataStore;
  partitionCount: number;
  backupCount: number;
  requestTimeoutMs: number;
  migrationTimeoutMs: number;
  /** Partitions a source member copies at the same time. */
  migrationConcurrency: number;
  /** A partition's entries are copied in messages of about this size (below the frame limit). */
  snapshotChunkBytes: number;
  /** False while this member may have been dropped without knowing it: it then serves no partition. */
  ownerLeaseValid: () => boolean;
  /**
   * How long after a member's removal its partitions may get a new owner: long enough for
   * the removed member's owner lease to have lapsed, so two owners never serve at once.
   */
  fenceMs: number;
  logger: Logger;
}

export interface PartitionServiceEvents {
  'table-changed': [table: PartitionTable];
}

interface Move {
  partition: number;
  /** Addresses of new replicas that do not hold the partition's data yet. */
  targets: string[];
  /** True when the source stops owning the partition with this table. */
  handOff: boolean;
}

interface Block {
  handedOff: boolean;
}

const ROUND_RETRY_MS = 200;

/**
 * Owns the partition table. On the coordinator it recomputes the table whenever the
 * member list changes and runs a migration round:
 *  1. for every partition whose replica list changes, the current owner (or, if it died,
 *     the first surviving replica) blocks writes to it, waits for writes in flight,
 *     and copies a snapshot (entries with remaining TTLs) to each new replica, which
 *     replaces whatever it held for that partition;
 *  2. once every copy is acknowledged, the new table is committed to all members, which
 *     unblocks writes, and members drop partitions they no longer replicate.
 * Writes hitting a blocked partition fail with a retryable error and are retried by the
 * caller; reads keep being served by the source until it hands ownership off.
 */
export class PartitionService extends EventEmitter<PartitionServiceEvents> {
  private table: PartitionTable | undefined;
  private readonly blocked = new Map<number, Block>();
  /** Partitions copied here for a table not committed yet: kept even if an older table arrives meanwhile. */
  private readonly incoming = new Map<number, number>();
  private readonly inflight: number[];
  private readonly drainWaiters = new Map<number, Array<() => void>>();
  private roundRunning = false;
  private roundRequested = false;
  private stopped = false;
  private pendingMoves = 0;
  /** Partition moves completed by rounds this member coordinated. */
  migrationsCompleted = 0;

  constructor(private readonly options: PartitionServiceOptions) {
    super();
    this.inflight = new Array<number>(options.partitionCount).fill(0);
    const { messenger } = options;
    messenger.handle('partition.migrate', (body: { version: number; moves: Move[] }, from) => {
      this.checkFromCoordinator(from.memberId);
      return this.migrate(body.version, body.moves);
    });
    messenger.handle('partition.replica', (body: { version: number; partition: number; snapshot: PartitionSnapshot; first: boolean }) => {
      // A copy from a round that is already over (its coordinator died) must not overwrite newer data.
      if (this.isStale(body.version)) return;
      if (body.first) this.options.store.install(body.partition, body.snapshot);
      else this.options.store.append(body.partition, body.snapshot);
      this.incoming.set(body.partition, body.version);
    });
    messenger.handle('partition.commit', (body: { table: PartitionTable }, from) => {
      this.checkFromCoordinator(from.memberId);
      this.install(body.table);
    });
    messenger.handle('partition.table', () => this.table ?? null);
    messenger.handle('partition.table-version', () => this.table?.version ?? 0);
  }

  get currentTable(): PartitionTable | undefined {
    return this.table;
  }

  get partitionCount(): number {
    return this.options.partitionCount;
  }

  /** Partition moves the coordinator is running plus partitions blocked on this member. */
  get migrationsInProgress(): number {
    return this.pendingMoves + this.blocked.size;
  }

  ownerOf(partition: number): MemberInfo | undefined {
    const id = this.table?.replicas[partition]?.[0];
    return id === undefined ? undefined : this.options.membership.memberById(id);
  }

  /** Id of the partition's first backup in the current table (also while this member does not know it yet). */
  firstBackupId(partition: number): string | undefined {
    return this.table?.replicas[partition]?.[1];
  }

  /** The partition's backups this member knows, in replica order. */
  backupMembers(partition: number): MemberInfo[] {
    const row = this.table?.replicas[partition];
    const members: MemberInfo[] = [];
    if (!row) return members;
    for (let i = 1; i < row.length; i++) {
      const member = this.options.membership.memberById(row[i]!);
      if (member) members.push(member);
    }
    return members;
  }

  partitionsAt(replicaIndex: 'owner' | 'backup'): number[] {
    const self = this.options.membership.self.id;
    const result: number[] = [];
    this.table?.replicas.forEach((row, p) => {
      const index = row.indexOf(self);
      if (replicaIndex === 'owner' ? index === 0 : index > 0) result.push(p);
    });
    return result;
  }

  isOwner(partition: number): boolean {
    return this.table?.replicas[partition]?.[0] === this.options.membership.self.id;
  }

  /** Admits a write on the owner; the returned function must be called when it finished. */
  acquireWrite(partition: number): () => void {
    this.checkOwner(partition);
    this.checkLease();
    if (this.blocked.has(partition)) throw new PartitionMigratingError(`partition ${partition} is migrating`);
    this.inflight[partition]!++;
    return () => {
      if (--this.inflight[partition]! === 0) for (const wake of this.drainWaiters.get(partition)?.splice(0) ?? []) wake();
    };
  }

  checkRead(partition: number): void {
    this.checkOwner(partition);
    this.checkLease();
    if (this.blocked.get(partition)?.handedOff) throw new PartitionMigratingError(`partition ${partition} was handed off`);
  }

  /** Coordinator: recompute the table for the current member list and migrate to it. */
  requestRebalance(): void {
    this.roundRequested = true;
    if (!this.roundRunning) void this.runRounds();
  }

  /** A heartbeat announced a newer table: fetch it from the coordinator. */
  async catchUp(version: number, coordinatorAddress: string): Promise<void> {
    if (this.isStale(version)) return;
    const table: PartitionTable | null = await this.options.messenger.request(coordinatorAddress, 'partition.table', null);
    if (table) this.install(table);
  }

  /** Forgets the table and all data (before merging into another cluster). */
  reset(): void {
    this.table = undefined;
    this.blocked.clear();
    this.incoming.clear();
    for (let p = 0; p < this.options.partitionCount; p++) this.options.store.drop(p);
  }

  stop(): void {
    this.stopped = true;
  }

  private checkLease(): void {
    if (!this.options.ownerLeaseValid()) throw new PartitionMigratingError('owner lease lapsed: no recent contact with the coordinator');
  }

  /** Migrations and commits are only taken from the coordinator this member follows. */
  private checkFromCoordinator(senderId: string): void {
    const coordinator = this.options.membership.coordinator.id;
    if (senderId !== coordinator) throw new NotCoordinatorError(`${senderId} is not the coordinator ${coordinator}`);
  }

  private checkOwner(partition: number): void {
    if (!this.table) throw new PartitionMigratingError('no partition table yet');
    if (!this.isOwner(partition)) throw new WrongOwnerError(`not the owner of partition ${partition}`);
  }

  private install(table: PartitionTable): void {
    if (this.table && table.version <= this.table.version) return;
    this.table = table;
    this.blocked.clear();
    const self = this.options.membership.self.id;
    table.replicas.forEach((row, p) => {
      if (!row.includes(self) && (this.incoming.get(p) ?? 0) <= table.version) this.options.store.drop(p);
    });
    for (const [p, version] of this.incoming) if (version <= table.version) this.incoming.delete(p);
    this.emit('table-changed', table);
  }

  private async runRounds(): Promise<void> {
    this.roundRunning = true;
    try {
      let failures = 0;
      while (this.roundRequested && !this.stopped && this.options.membership.isCoordinator) {
        this.roundRequested = false;
        const succeeded = await this.runRound().catch((error: unknown) => {
          this.options.logger.error('migration round failed', { error: String(error) });
          return false;
        });
        if (succeeded) {
          failures = 0;
          continue;
        }
        this.roundRequested = true;
        failures++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(ROUND_RETRY_MS * failures, 2000)));
      }
    } finally {
      this.roundRunning = false;
    }
  }

  private async runRound(): Promise<boolean> {
    const { membership, messenger, logger } = this.options;
    await this.adoptNewestTable(membership.members);
    // One consistent view for the whole round; a change during it triggers another round.
    const view = membership.members;
    const byId = new Map(view.map((m) => [m.id, m]));
    const active = view.filter((m) => !m.leaving).map((m) => m.id);
    if (active.length === 0) return true;
    const alive = new Set(view.map((m) => m.id));
    const previous = this.table?.replicas;
    const target = assignPartitions(previous, active, this.options.partitionCount, this.options.backupCount);
    const version = (this.table?.version ?? 0) + 1;

    if (previous) {
      const bySource = new Map<string, Move[]>();
      previous.forEach((row, partition) => {
        const next = target[partition]!;
        if (row.length === next.length && row.every((id, i) => next[i] === id)) return;
        const holders = row.filter((id) => alive.has(id));
        const source = holders[0];
        if (source === undefined) {
          logger.error('partition lost: every replica left the cluster', { partition });
          return;
        }
        const targets = next.filter((id) => !holders.includes(id)).map((id) => byId.get(id)!.address);
        const moves = bySource.get(source) ?? [];
        moves.push({ partition, targets, handOff: next[0] !== source });
        bySource.set(source, moves);
      });
      const moveCount = this.pendingMovesOf(bySource);
      this.pendingMoves = moveCount;
      const results = await Promise.allSettled(
        [...bySource].map(([source, moves]) =>
          messenger.request(byId.get(source)!.address, 'partition.migrate', { version, moves }, { timeoutMs: this.options.migrationTimeoutMs }),
        ),
      );
      this.pendingMoves = 0;
      const failed = results.filter((r) => r.status === 'rejected');
      if (failed.length > 0) {
        logger.warn('migration round failed; retrying', { reason: String((failed[0] as PromiseRejectedResult).reason) });
        return false;
      }
      this.migrationsCompleted += moveCount;
    }

    await this.fence(previous, byId);
    // Others first: installing locally can end this member's part (a leaving coordinator stops).
    const table: PartitionTable = { version, replicas: target };
    await Promise.allSettled(
      view.filter((m) => m.id !== membership.self.id).map((m) => messenger.request(m.address, 'partition.commit', { table })),
    );
    this.install(table);
    return true;
  }

  /** Waits until every removed owner's lease has lapsed before its partitions change hands. */
  private async fence(previous: ReplicaTable | undefined, present: Map<string, MemberInfo>): Promise<void> {
    if (!previous) return;
    const now = Date.now();
    let until = 0;
    for (const owner of new Set(previous.map((row) => row[0]!))) {
      if (present.has(owner)) continue;
      until = Math.max(until, (this.options.membership.removedAt(owner) ?? now) + this.options.fenceMs);
    }
    if (until > now) await new Promise((resolve) => setTimeout(resolve, Math.min(until - now, this.options.fenceMs)));
  }

  private pendingMovesOf(bySource: Map<string, Move[]>): number {
    return [...bySource.values()].reduce((sum, moves) => sum + moves.length, 0);
  }

  /**
   * A new coordinator may hold an older table than a member that received the last commit
   * of a coordinator that died mid-broadcast: continue from the newest table any member has,
   * so versions never repeat with different content.
   */
  private async adoptNewestTable(view: readonly MemberInfo[]): Promise<void> {
    const { messenger, membership } = this.options;
    const others = view.filter((m) => m.id !== membership.self.id);
    const versions = await Promise.all(
      others.map((m) => (messenger.request(m.address, 'partition.table-version', null) as Promise<number>).catch(() => 0)),
    );
    let newest: MemberInfo | undefined;
    let newestVersion = this.table?.version ?? 0;
    versions.forEach((version, i) => {
      if (version > newestVersion) {
        newestVersion = version;
        newest = others[i];
      }
    });
    if (!newest) return;
    const table: PartitionTable | null = await messenger.request(newest.address, 'partition.table', null).catch(() => null);
    if (table) this.install(table);
  }

  private isStale(version: number): boolean {
    return (this.table?.version ?? 0) >= version;
  }

  private async migrate(version: number, moves: Move[]): Promise<void> {
    const queue = [...moves];
    const worker = async () => {
      for (let move = queue.shift(); move; move = queue.shift()) {
        // Stop working for a round that a commit has already ended.
        if (this.isStale(version)) return;
        await this.migrateOne(version, move);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.migrationConcurrency, queue.length) }, worker));
  }

  private async migrateOne(version: number, move: Move): Promise<void> {
    const block: Block = { handedOff: false };
    this.blocked.set(move.partition, block);
    await this.drained(move.partition);
    const chunks = splitSnapshot(this.options.store.snapshot(move.partition), this.options.snapshotChunkBytes);
    await Promise.all(
      move.targets.map(async (address) => {
        // In order: the first chunk replaces the target's copy, the others add to it.
        for (const [index, snapshot] of chunks.entries()) {
          await this.options.messenger.request(
            address,
            'partition.replica',
            { version, partition: move.partition, snapshot, first: index === 0 },
            { timeoutMs: this.options.migrationTimeoutMs },
          );
        }
      }),
    );
    if (move.handOff && this.blocked.get(move.partition) === block) block.handedOff = true;
  }

  private drained(partition: number): Promise<void> {
    if (this.inflight[partition] === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new RequestTimeoutError(`writes to partition ${partition} did not finish`)),
        this.options.requestTimeoutMs * 2,
      );
      const waiters = this.drainWaiters.get(partition) ?? [];
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.drainWaiters.set(partition, waiters);
    });
  }
}
