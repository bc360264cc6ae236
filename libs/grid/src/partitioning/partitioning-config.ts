/** Settings of the partition table and of migrations. */
export interface PartitioningConfig {
  /** Default 271. Must be equal on all members. */
  partitionCount?: number;
  /** Synchronous backups per partition. Default 1. Must be equal on all members. */
  backupCount?: number;
  /** Default 60000 ms. */
  migrationTimeoutMs?: number;
  /** Partitions one member copies concurrently during migration. Default 8. */
  migrationConcurrency?: number;
}

export const PARTITIONING_DEFAULTS = {
  partitionCount: 271,
  backupCount: 1,
  migrationTimeoutMs: 60_000,
  migrationConcurrency: 8,
} as const satisfies Required<PartitioningConfig>;
