import { fork, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemberConfig } from '../config';
import type { MemberStats } from '../stats';
import { TEST_SECRET } from '../test-support/cluster';
import { waitFor, type CapturedLog } from '../test-support/wait';

const FIXTURE = fileURLToPath(new URL('./fixture/member-process.ts', import.meta.url));
const START_TIMEOUT_MS = 20_000;
const COMMAND_TIMEOUT_MS = 30_000;

export type ChildConfig = Omit<MemberConfig, 'logger'>;

export interface ChildOptions {
  /**
   * Runs the member through a command, e.g. `['ip', 'netns', 'exec', 'ns1']` to start it in a
   * network namespace. The command must exec node in place (as `ip netns exec` does), so that
   * signals reach the member and the IPC channel (fd 3) is inherited.
   */
  commandPrefix?: string[];
}

/** Fast timings for child-process clusters; each test adds seeds and overrides. */
export function childConfig(overrides: Partial<ChildConfig> = {}): ChildConfig {
  return {
    clusterSecret: TEST_SECRET,
    port: 0,
    heartbeatIntervalMs: 250,
    heartbeatTimeoutMs: 3000,
    joinTimeoutMs: 2000,
    mergeIntervalMs: 1000,
    requestTimeoutMs: 5000,
    operationTimeoutMs: 20_000,
    expirySweepIntervalMs: 100,
    ...overrides,
  };
}

interface Reply {
  id?: number;
  ok?: boolean;
  result?: unknown;
  error?: { message: string; code?: string };
  event?: string;
  address?: string;
}

/**
 * A member running in a child process (`node --import tsx fixture/member-process.ts`),
 * driven over IPC. `kill('SIGKILL')` is a real crash: no goodbye, sockets reset by the OS.
 */
export class ChildMember {
  address = '';
  private readonly process: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly exited: Promise<number | null>;
  private stderr = '';

  private constructor(config: ChildConfig, options: ChildOptions) {
    const env = { ...process.env, GRID_MEMBER_CONFIG: JSON.stringify(config) };
    const stdio: ['ignore', 'ignore', 'pipe', 'ipc'] = ['ignore', 'ignore', 'pipe', 'ipc'];
    const [command, ...prefixArgs] = options.commandPrefix ?? [];
    this.process = command
      ? spawn(command, [...prefixArgs, process.execPath, '--import', 'tsx', FIXTURE], { env, stdio })
      : fork(FIXTURE, [], { execArgv: ['--import', 'tsx'], env, stdio });
    this.process.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.process.on('message', (message: Reply) => {
      if (message.id === undefined) return;
      const entry = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) entry?.resolve(message.result);
      else entry?.reject(Object.assign(new Error(message.error?.message), { code: message.error?.code }));
    });
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code) => resolve(code));
      // A command that cannot be spawned emits 'error' and no 'exit'.
      this.process.once('error', (error) => {
        this.stderr += `\n${error.message}`;
        if (this.process.pid === undefined) resolve(null);
      });
    });
    this.exited.then(() => {
      for (const entry of this.pending.values()) entry.reject(new Error(`member process exited; stderr: ${this.stderr}`));
      this.pending.clear();
    });
  }

  static async start(config: ChildConfig, options: ChildOptions = {}): Promise<ChildMember> {
    const child = new ChildMember(config, options);
    let timer: NodeJS.Timeout | undefined;
    const ready = await new Promise<Reply>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`member did not start: ${child.stderr}`)), START_TIMEOUT_MS);
      child.process.on('message', (message: Reply) => {
        if (message.event === 'ready' || message.event === 'failed') resolve(message);
      });
      child.exited.then(() => reject(new Error(`member exited during start: ${child.stderr}`)));
    }).catch(async (error: unknown) => {
      await child.kill(); // never leave a half-started member behind
      throw error;
    });
    clearTimeout(timer);
    if (ready.event !== 'ready') {
      await child.kill();
      throw new Error(`member failed to start: ${JSON.stringify(ready)}`);
    }
    child.address = ready.address!;
    return child;
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  call<T = unknown>(cmd: string, args: Record<string, unknown> = {}, timeoutMs = COMMAND_TIMEOUT_MS): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.process.send({ id, cmd, args });
    });
  }

  stats(): Promise<MemberStats> {
    return this.call<MemberStats>('stats');
  }

  logs(): Promise<CapturedLog[]> {
    return this.call<CapturedLog[]>('logs');
  }

  /** Sends a signal without waiting, e.g. SIGSTOP / SIGCONT to freeze and resume the member. */
  signal(signal: NodeJS.Signals): void {
    this.process.kill(signal);
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    if (this.running) this.process.kill(signal);
    return this.exited;
  }

  waitForExit(): Promise<number | null> {
    return this.exited;
  }
}

/** Starts `count` members one after another, each seeded with those already running. */
export async function startChildCluster(count: number, overrides: Partial<ChildConfig> = {}): Promise<ChildMember[]> {
  const members: ChildMember[] = [];
  for (let i = 0; i < count; i++) members.push(await ChildMember.start(childConfig({ seeds: members.map((m) => m.address), ...overrides })));
  await waitForAgreement(members);
  return members;
}

/**
 * Waits until every member has joined and sees the same members and table, no migration is
 * running, and the table places every partition's owner and backup (backupCount 1) on these members.
 */
export async function waitForAgreement(members: ChildMember[], timeoutMs = 20_000): Promise<void> {
  await waitFor(
    `${members.length} members agree on membership and partition table`,
    async () => {
      const stats = await Promise.all(members.map((m) => m.stats()));
      const sum = (pick: (s: MemberStats) => number) => stats.reduce((total, s) => total + pick(s), 0);
      const partitionCount = stats[0]!.partitions.count;
      return (
        stats.every(
          (s) =>
            // A member that rejoins (after a split) is in the view a moment before its join returns.
            s.state === 'joined' &&
            s.members.length === members.length &&
            s.partitions.tableVersion === stats[0]!.partitions.tableVersion &&
            s.partitions.migrationsInProgress === 0,
        ) &&
        sum((s) => s.partitions.owned) === partitionCount &&
        sum((s) => s.partitions.backups) === (members.length > 1 ? partitionCount : 0)
      );
    },
    timeoutMs,
    100,
  );
}
