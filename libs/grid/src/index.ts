export { createMember, Member, type MemberEvents } from './member';
export type { MemberState } from './lifecycle';
export type { MemberStats } from './stats';
export { DEFAULTS, type MemberConfig } from './config';
export {
  AuthError,
  ConnectionClosedError,
  FrameError,
  GridError,
  MemberStateError,
  NotCoordinatorError,
  OperationTimeoutError,
  PartitionMigratingError,
  QuorumError,
  RemoteError,
  RequestTimeoutError,
  WrongOwnerError,
  WriteNotDurableError,
  type FrameErrorReason,
} from './errors';
export { consoleLogger, silentLogger, type Logger } from './logger';
export type { EntryEvent, EntryEventType, EntryView, GridMap, MapConfig, SetOptions, Unsubscribe, WriteOptions } from './map';
export type { MemberInfo } from './membership';
export type { NearCacheStats } from './near-cache';
export type { GridTopic, TopicMessageInfo } from './topic';
export type { TlsFiles } from './transport';
