import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Lowest port we hand out: above the well-known and common service ports. */
const LOWEST_PORT = 20_000;
const ATTEMPTS = 200;

/**
 * The first port of the kernel's ephemeral range (Linux: 32768). Ports below it are never
 * handed to a `listen(0)` or to an outgoing connection, so a port we pick there cannot be taken
 * by another test between our check and the process that binds it.
 */
function ephemeralRangeStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const start = Number(low);
    return Number.isInteger(start) && start > LOWEST_PORT + 1_000 ? start : 32_768;
  } catch {
    return 32_768;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive TCP ports on loopback, free a moment ago, below the ephemeral range (see
 * above) and chosen at random, so parallel test files (which may each start a cluster whose
 * instances take `port`, `port + 1`, …) practically never pick the same block.
 */
export async function freePortBlock(count: number): Promise<number> {
  const highest = ephemeralRangeStart() - count;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const first = LOWEST_PORT + Math.floor(Math.random() * (highest - LOWEST_PORT));
    let free = true;
    for (let port = first; free && port < first + count; port++) free = await isFree(port);
    if (free) return first;
  }
  throw new Error(`no ${count} consecutive free ports found on 127.0.0.1 in ${ATTEMPTS} attempts`);
}

/** A TCP port on loopback that was free a moment ago, outside the ephemeral range (see above). */
export function freePort(): Promise<number> {
  return freePortBlock(1);
}
