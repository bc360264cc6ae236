export interface OperationStats {
  count: number;
  errors: number;
  totalMs: number;
  maxMs: number;
}

/** Count and latency of the map operations this member called, per kind (`get`, `set`, …). */
export class OperationRecorder {
  /** Stats of `get`, also counting reads answered from memory (with 0 ms). */
  readonly get: OperationStats = { count: 0, errors: 0, totalMs: 0, maxMs: 0 };
  private readonly operations = new Map<string, OperationStats>([['get', this.get]]);

  /** Counts an operation that began at `started` (performance.now()) and ended now. */
  record(kind: string, started: number, failed: boolean): void {
    const elapsed = performance.now() - started;
    const stats = this.operations.get(kind) ?? { count: 0, errors: 0, totalMs: 0, maxMs: 0 };
    stats.count++;
    if (failed) stats.errors++;
    stats.totalMs += elapsed;
    stats.maxMs = Math.max(stats.maxMs, elapsed);
    this.operations.set(kind, stats);
  }

  /** The kinds called at least once. */
  snapshot(): Record<string, OperationStats> {
    return Object.fromEntries([...this.operations].filter(([, stats]) => stats.count > 0));
  }
}
