/**
 * Typed errors raised by the grid. Every error carries a stable `code` so it can
 * cross the wire (see `toWireError` / `fromWireError`) and be re-created as the
 * same class on the calling member.
 */
export class GridError extends Error {
  readonly code: string;
  /** True when the operation was not applied and may safely be retried. */
  readonly retryable: boolean;

  constructor(code: string, message: string, retryable = false) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.retryable = retryable;
  }
}

export type FrameErrorReason = 'oversized' | 'wrong-version' | 'malformed' | 'truncated';

/** A byte stream that is not a valid sequence of grid frames. */
export class FrameError extends GridError {
  readonly reason: FrameErrorReason;
  constructor(reason: FrameErrorReason, message: string) {
    super('FRAME', message);
    this.reason = reason;
  }
}

/** The peer failed the cluster-secret challenge or spoke an incompatible protocol. */
export class AuthError extends GridError {
  constructor(message: string) {
    super('AUTH', message);
  }
}

/** A remote call got no response within its timeout; it may or may not have been applied. */
export class RequestTimeoutError extends GridError {
  constructor(message: string) {
    super('TIMEOUT', message);
  }
}

/** The connection closed (or could not be opened) before the response arrived. */
export class ConnectionClosedError extends GridError {
  /** True when the request had already been handed to the socket: the peer may have applied it. */
  readonly maybeDelivered: boolean;
  constructor(message: string, maybeDelivered = false) {
    super('CONNECTION_CLOSED', message, true);
    this.maybeDelivered = maybeDelivered;
  }
}

/** The receiving member does not own the partition (its table or the caller's is stale). */
export class WrongOwnerError extends GridError {
  constructor(message: string) {
    super('WRONG_OWNER', message, true);
  }
}

/** The partition is being migrated; writes resume once the new table is committed. */
export class PartitionMigratingError extends GridError {
  constructor(message: string) {
    super('PARTITION_MIGRATING', message, true);
  }
}

/** A coordinator-only request came from a member this one does not follow as coordinator. */
export class NotCoordinatorError extends GridError {
  constructor(message: string) {
    super('NOT_COORDINATOR', message);
  }
}

/** The member sees fewer members than `minClusterSize` and refuses writes. */
export class QuorumError extends GridError {
  constructor(message: string) {
    super('QUORUM', message);
  }
}

/**
 * A write that had to be durable (see `durableWrites`) is not known to be: a backup did not
 * store it, or the owner lost quorum or its lease before answering. It may have been applied on
 * the owner alone, where it can be lost; the caller retries or falls back to its own store.
 */
export class WriteNotDurableError extends GridError {
  readonly maybeApplied = true;
  constructor(message: string) {
    super('NOT_DURABLE', message);
  }
}

/** The member is not in a state that allows the call (not joined yet, leaving or stopped). */
export class MemberStateError extends GridError {
  constructor(message: string) {
    super('MEMBER_STATE', message);
  }
}

/** An operation kept hitting retryable errors until its operation timeout ran out. */
export class OperationTimeoutError extends GridError {
  constructor(message: string, readonly lastError?: unknown) {
    super('OPERATION_TIMEOUT', message);
  }
}

/** The remote handler failed with an error that has no dedicated class. */
export class RemoteError extends GridError {
  constructor(message: string) {
    super('REMOTE', message);
  }
}

export interface WireError {
  code: string;
  message: string;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof GridError) return { code: error.code, message: error.message };
  return { code: 'REMOTE', message: error instanceof Error ? error.message : String(error) };
}

export function fromWireError(wire: WireError): GridError {
  switch (wire.code) {
    case 'AUTH':
      return new AuthError(wire.message);
    case 'TIMEOUT':
      return new RequestTimeoutError(wire.message);
    case 'CONNECTION_CLOSED':
      return new ConnectionClosedError(wire.message);
    case 'WRONG_OWNER':
      return new WrongOwnerError(wire.message);
    case 'PARTITION_MIGRATING':
      return new PartitionMigratingError(wire.message);
    case 'NOT_COORDINATOR':
      return new NotCoordinatorError(wire.message);
    case 'QUORUM':
      return new QuorumError(wire.message);
    case 'MEMBER_STATE':
      return new MemberStateError(wire.message);
    case 'NOT_DURABLE':
      return new WriteNotDurableError(wire.message);
    case 'OPERATION_TIMEOUT':
      return new OperationTimeoutError(wire.message);
    default:
      return new RemoteError(wire.message);
  }
}
