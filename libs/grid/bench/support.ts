/** Measurement helpers for grid-benchmark.ts: latency histogram, timed load segments, a throwaway redis-server. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Log-scale latency histogram: buckets 2 % wide from 0.05 µs up, so millions of samples cost no sorting. */
export class Histogram {
  private static readonly MIN_US = 0.05;
  private static readonly STEP = Math.log(1.02);
  private readonly buckets = new Float64Array(1400);
  count = 0;

  record(ms: number): void {
    const us = Math.max(ms * 1000, Histogram.MIN_US);
    const index = Math.min(this.buckets.length - 1, Math.floor(Math.log(us / Histogram.MIN_US) / Histogram.STEP));
    this.buckets[index]!++;
    this.count++;
  }

  /** Latency in µs at quantile q (0..1), the bucket's geometric middle. */
  quantileUs(q: number): number {
    let seen = 0;
    const target = q * this.count;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i]!;
      if (seen >= target && seen > 0) return Histogram.MIN_US * Math.exp((i + 0.5) * Histogram.STEP);
    }
    return Number.NaN;
  }
}

export interface SegmentResult {
  opsPerSec: number;
  p50Us: number;
  p99Us: number;
  /** CPU time of the measured processes per operation (see `cpuTimeUs`); NaN where it cannot be read. */
  cpuUsPerOp: number;
}

/**
 * CPU time the processes have used so far, in µs: user and kernel time of all their threads,
 * from Linux's /proc/<pid>/task/<tid>/schedstat (nanoseconds, unlike the 10 ms ticks of
 * /proc/<pid>/stat). NaN where it cannot be read: another operating system, a kernel without
 * schedstat, a process that is gone. A thread that ends takes its time with it, so a difference
 * of two readings can fall short (see `runSegment`); Node's threads live as long as the process.
 */
function cpuTimeUs(pids: readonly number[]): number {
  let totalNs = 0;
  try {
    for (const pid of pids) {
      let threadsRead = 0;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        try {
          totalNs += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
          threadsRead++;
        } catch {
          // The thread ended between listing and reading.
        }
      }
      if (threadsRead === 0) return Number.NaN;
    }
  } catch {
    return Number.NaN;
  }
  return totalNs / 1000;
}

/**
 * Runs `op` from `concurrency` workers (each awaiting its previous call) over `keys` for `ms`
 * milliseconds and reports throughput, latency percentiles and the CPU time the processes
 * `pids` spent per operation.
 */
export async function runSegment(
  op: (key: string) => Promise<unknown>,
  keys: readonly string[],
  concurrency: number,
  ms: number,
  pids: readonly number[],
): Promise<SegmentResult> {
  const histogram = new Histogram();
  const cpuBefore = cpuTimeUs(pids);
  let next = Math.floor(Math.random() * keys.length);
  const started = performance.now();
  const deadline = started + ms;
  const worker = async () => {
    while (performance.now() < deadline) {
      const key = keys[next++ % keys.length]!;
      const t0 = performance.now();
      await op(key);
      histogram.record(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    opsPerSec: histogram.count / seconds,
    p50Us: histogram.quantileUs(0.5),
    p99Us: histogram.quantileUs(0.99),
    cpuUsPerOp: cpuPerOperation(cpuTimeUs(pids) - cpuBefore, histogram.count),
  };
}

/** NaN rather than a figure that cannot be right (a thread that ended took more time with it than the segment used). */
function cpuPerOperation(cpuUs: number, operations: number): number {
  return cpuUs >= 0 && operations > 0 ? cpuUs / operations : Number.NaN;
}

/** Median of the finite values (a segment without a CPU reading gives NaN); NaN if there are none. */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

let gcFunction: (() => void) | undefined;
/** Full garbage collection without starting node with --expose-gc. */
export function collectGarbage(): void {
  if (!gcFunction) {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function findRedisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8', timeout: 5000 });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

/** A redis-server of our own on a free loopback port, without persistence. */
export class RedisProcess {
  private constructor(
    private readonly process: ChildProcess,
    readonly port: number,
  ) {}

  static async start(binary: string): Promise<RedisProcess> {
    const port = await freePort();
    const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const redis = new RedisProcess(child, port);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
        const check = () => {
          if (output.includes('Ready to accept connections')) {
            clearTimeout(timer);
            child.stdout!.off('data', check);
            resolve();
          }
        };
        child.stdout!.on('data', check);
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
      });
    } catch (error) {
      await redis.stop();
      throw error;
    }
    return redis;
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null || this.process.pid === undefined) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  /** Synchronous last resort for exit handlers. */
  killNow(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
  }
}
