/**
 * Linux network namespaces as test "hosts" (needs root and iproute2's `ip`).
 *
 * A lab is one bridge namespace holding a Linux bridge plus one namespace per host, each joined
 * to the bridge by a veth pair (`eth0` in the host, `pN` in the bridge namespace). Hosts get
 * 10.200.0.N/24: the addresses exist only inside the lab's namespaces, nothing is configured in
 * the caller's namespace. `cut(host)` sets the host's `eth0` down (its connects fail with
 * ENETUNREACH, packets towards it are dropped) and `heal(host)` brings it back.
 *
 * Every namespace name starts with NETNS_PREFIX, so leftovers of a run that was killed can be
 * found and removed by the next one (`removeLeftoverNamespaces`).
 */
import { execFileSync } from 'node:child_process';

export const NETNS_PREFIX = 'gridnp-';
const IP_TIMEOUT_MS = 10_000;
const SUBNET = '10.200.0';

function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', timeout: IP_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
}

function tryIp(...args: string[]): boolean {
  try {
    ip(...args);
    return true;
  } catch {
    return false;
  }
}

/** Whether this process may build a lab; `reason` says why not. Creates and removes a probe namespace. */
export function netnsSupport(): { ok: true } | { ok: false; reason: string } {
  if (process.platform !== 'linux') return { ok: false, reason: `network namespaces need Linux (platform is ${process.platform})` };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'network namespaces need root (run the tests as root to include this suite)' };
  const probe = `${NETNS_PREFIX}probe-${process.pid}`;
  try {
    ip('netns', 'add', probe);
  } catch (error) {
    return { ok: false, reason: `\`ip netns add\` failed: ${firstLine(error)}` };
  }
  try {
    ip('-n', probe, 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', probe, 'link', 'add', 'va', 'type', 'veth', 'peer', 'name', 'vb');
    ip('netns', 'exec', probe, 'ip', 'link', 'set', 'lo', 'up');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `cannot create bridges/veth pairs or exec in a namespace: ${firstLine(error)}` };
  } finally {
    tryIp('netns', 'del', probe);
  }
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr;
  return (stderr || String(error)).trim().split('\n')[0] ?? '';
}

function namespaces(): string[] {
  return ip('netns', 'list')
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name.length > 0);
}

/** Kills the processes left in namespaces named with `prefix` (only ever started by these tests) and deletes the namespaces. */
export function removeLeftoverNamespaces(prefix = NETNS_PREFIX): string[] {
  const leftovers = namespaces().filter((name) => name.startsWith(prefix));
  for (const name of leftovers) destroyNamespace(name);
  return leftovers;
}

function destroyNamespace(name: string): void {
  let pids: number[] = [];
  try {
    pids = ip('netns', 'pids', name).split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // Already gone.
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Exited meanwhile.
    }
  }
  tryIp('netns', 'del', name);
}

export interface LabHost {
  /** Namespace name. */
  ns: string;
  /** The host's address inside the lab. */
  ip: string;
  /** Prefix that runs a command inside the host's namespace. */
  commandPrefix: string[];
}

export class NetnsLab {
  readonly hosts: LabHost[] = [];
  private readonly bridgeNs: string;
  private readonly created: string[] = [];

  private constructor(readonly name: string) {
    this.bridgeNs = `${name}-br`;
  }

  /** Builds `hostCount` hosts on one bridge; on failure removes what it created and throws. */
  static create(hostCount: number, name = `${NETNS_PREFIX}${process.pid}`): NetnsLab {
    const lab = new NetnsLab(name);
    try {
      lab.addNamespace(lab.bridgeNs);
      ip('-n', lab.bridgeNs, 'link', 'add', 'br0', 'type', 'bridge');
      ip('-n', lab.bridgeNs, 'link', 'set', 'br0', 'up');
      for (let i = 1; i <= hostCount; i++) {
        const ns = `${name}-h${i}`;
        const address = `${SUBNET}.${i}`;
        lab.addNamespace(ns);
        ip('-n', ns, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', `p${i}`, 'netns', lab.bridgeNs);
        ip('-n', lab.bridgeNs, 'link', 'set', `p${i}`, 'master', 'br0');
        ip('-n', lab.bridgeNs, 'link', 'set', `p${i}`, 'up');
        ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
        ip('-n', ns, 'link', 'set', 'lo', 'up');
        ip('-n', ns, 'link', 'set', 'eth0', 'up');
        lab.hosts.push({ ns, ip: address, commandPrefix: ['ip', 'netns', 'exec', ns] });
      }
    } catch (error) {
      lab.destroy();
      throw error;
    }
    return lab;
  }

  /** Disconnects the host from the bridge: nothing goes in or out of it until `heal`. */
  cut(host: LabHost): void {
    ip('-n', host.ns, 'link', 'set', 'eth0', 'down');
  }

  heal(host: LabHost): void {
    ip('-n', host.ns, 'link', 'set', 'eth0', 'up');
  }

  /** Kills whatever still runs in the lab's namespaces and deletes them. Safe to call twice. */
  destroy(): void {
    for (const ns of this.created.splice(0).reverse()) destroyNamespace(ns);
  }

  private addNamespace(ns: string): void {
    ip('netns', 'add', ns);
    this.created.push(ns);
  }
}
