export { assignPartitions, replicaCounts, type ReplicaTable } from './assignment';
export { keyBytes, murmur3, partitionOf, partitionOfBytes } from './hash';
export type { PartitionDataStore, PartitionSnapshot, WireEntry } from './partition-data';
export { PartitionService, type PartitionServiceEvents, type PartitionServiceOptions, type PartitionTable } from './partition-service';
