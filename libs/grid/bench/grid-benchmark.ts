/**
 * `npm run bench:grid [-- --quick]`: throughput and latency of the grid against Redis, then the
 * load time and memory of a 3-member cluster holding 1,000,000 entries (100,000 with --quick).
 *
 * Part 1 keeps four clusters (1, 2, 3 and 5 members) and a redis-server running side by side. The
 * measuring member of each cluster runs in this process; the other members are child processes
 * (the cluster-test fixture). Every variant runs for a short segment, in a new random order in
 * every round, so load from elsewhere on the machine spreads over all of them; the table shows
 * the median over the rounds. All variants use the same number of concurrent callers.
 *
 * Progress goes to stderr, results to stdout.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { Redis } from 'ioredis';
import { ChildMember, type ChildConfig } from '../src/cluster-tests/child-member';
import { createMember, type Member, type MemberConfig, type MemberStats } from '../src/index';
import { waitFor } from '../src/test-support/wait';
import { RedisProcess, collectGarbage, findRedisServer, median, runSegment, shuffle, type SegmentResult } from './support';

const quick = process.argv.includes('--quick');
const SETTINGS = quick
  ? { rounds: 3, segmentMs: 250, warmupMs: 100, keys: 2000, loadEntries: 100_000 }
  : { rounds: 5, segmentMs: 1000, warmupMs: 300, keys: 5000, loadEntries: 1_000_000 };
const CONCURRENCY = 32;
const LOAD_CONCURRENCY = 128;
const VALUE_BYTES = 200;
const CLUSTER_SIZES = [1, 2, 3, 5] as const;
/** The sizes the grid issue's goals name; 2 members are measured for information (see flushEarly). */
const GOAL_SIZES = [3, 5] as const;
/** The whole run is aborted (and everything it started is killed) after this long. */
const RUN_LIMIT_MS = (quick ? 4 : 8) * 60_000;
const GOALS = { nearCacheVsRedisGet: 50, remoteVsRedis: 2 };

const PLAIN = 'plain';
const NEAR = 'near';
const MAPS: MemberConfig['maps'] = { [PLAIN]: {}, [NEAR]: { nearCache: { maxEntries: 100_000 } } };
/** Production-like timings (the defaults), so a busy 2-core machine does not cause false suspicions. */
const TIMINGS = { heartbeatIntervalMs: 1000, heartbeatTimeoutMs: 10_000, joinTimeoutMs: 3000, requestTimeoutMs: 10_000 };

const children: ChildMember[] = [];
const members: Member[] = [];
let redisProcess: RedisProcess | undefined;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function valueOf(i: number): string {
  const head = `v${i}:`;
  return head + 'x'.repeat(VALUE_BYTES - head.length);
}

interface Cluster {
  size: number;
  member: Member;
  children: ChildMember[];
  /** Keys by (map-independent) owner: prefilled in both maps. */
  getKeys: { local: string[]; remote: string[] };
  setKeys: { local: string[]; remote: string[] };
}

async function startCluster(size: number): Promise<Cluster> {
  const clusterSecret = `bench-${size}-${randomUUID()}`;
  const member = await createMember({ clusterSecret, port: 0, maps: MAPS, ...TIMINGS });
  members.push(member);
  const config: ChildConfig = { clusterSecret, port: 0, seeds: [member.address], maps: MAPS, ...TIMINGS };
  const own = await Promise.all(Array.from({ length: size - 1 }, () => ChildMember.start(config)));
  children.push(...own);
  await waitForBalanced(member, own, size);
  return { size, member, children: own, getKeys: { local: [], remote: [] }, setKeys: { local: [], remote: [] } };
}

/** Every member sees `size` members and the same committed table, with every partition owned and backed up. */
async function waitForBalanced(member: Member, others: ChildMember[], size: number): Promise<void> {
  await waitFor(
    `${size} members agree on the partition table`,
    async () => {
      const stats: MemberStats[] = [member.stats(), ...(await Promise.all(others.map((c) => c.stats())))];
      const sum = (pick: (s: MemberStats) => number) => stats.reduce((total, s) => total + pick(s), 0);
      const partitions = stats[0]!.partitions.count;
      return (
        stats.every(
          (s) => s.members.length === size && s.partitions.tableVersion === stats[0]!.partitions.tableVersion && s.partitions.migrationsInProgress === 0,
        ) &&
        sum((s) => s.partitions.owned) === partitions &&
        sum((s) => s.partitions.backups) === (size > 1 ? partitions : 0)
      );
    },
    60_000,
    100,
  );
}

async function fill(member: Member, map: string, keys: string[], concurrency = LOAD_CONCURRENCY): Promise<void> {
  const grid = member.getMap<string, string>(map);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < keys.length; i = next++) await grid.set(keys[i]!, valueOf(i));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function prepare(cluster: Cluster): Promise<void> {
  const getKeys = Array.from({ length: SETTINGS.keys }, (_, i) => `g${i}`);
  const setKeys = Array.from({ length: SETTINGS.keys }, (_, i) => `s${i}`);
  for (const map of [PLAIN, NEAR]) {
    await fill(cluster.member, map, getKeys);
    await fill(cluster.member, map, setKeys);
  }
  // Partitioning depends on the key only, so local/remote is the same in both maps.
  const local = new Set(cluster.member.getMap<string, string>(PLAIN).localKeys());
  const split = (keys: string[]) => ({ local: keys.filter((k) => local.has(k)), remote: keys.filter((k) => !local.has(k)) });
  cluster.getKeys = split(getKeys);
  cluster.setKeys = split(setKeys);
}

interface Variant {
  group: string;
  name: string;
  /** Concurrent callers; CONCURRENCY unless set. */
  callers?: number;
  op: (key: string) => Promise<unknown>;
  keys: string[];
  /** The processes whose CPU time the variant costs: this one and the setup's child members or redis-server. */
  pids: number[];
  results: SegmentResult[];
  /** Extra figure for the table (near-cache hit rate). */
  note?: () => string;
}

function gridVariants(cluster: Cluster): Variant[] {
  const { member, size } = cluster;
  const pids = [process.pid, ...cluster.children.map((child) => child.pid!)];
  const plain = member.getMap<string, string>(PLAIN);
  const near = member.getMap<string, string>(NEAR);
  const group = `grid, ${size} member${size > 1 ? 's' : ''}`;
  const variants: Omit<Variant, 'pids'>[] = [
    { group, name: 'get local key', op: (k) => plain.get(k), keys: cluster.getKeys.local, results: [] },
    { group, name: 'set local key', op: (k) => plain.set(k, valueOf(1)), keys: cluster.setKeys.local, results: [] },
  ];
  if (size > 1) {
    let before = { hits: 0, misses: 0 };
    const nearStats = () => member.stats().nearCaches[NEAR] ?? { hits: 0, misses: 0 };
    variants.push(
      { group, name: 'get remote key', op: (k) => plain.get(k), keys: cluster.getKeys.remote, results: [] },
      {
        group,
        name: 'get remote key, near cache',
        op: (k) => near.get(k),
        keys: cluster.getKeys.remote,
        results: [],
        note: () => {
          const now = nearStats();
          const hits = now.hits - before.hits;
          const total = hits + now.misses - before.misses;
          before = { hits: now.hits, misses: now.misses };
          return `hit rate ${total === 0 ? 'n/a' : ((100 * hits) / total).toFixed(1) + ' %'}`;
        },
      },
      { group, name: 'set remote key', op: (k) => plain.set(k, valueOf(2)), keys: cluster.setKeys.remote, results: [] },
      // One caller: latency without queueing behind the other callers.
      { group, name: 'get remote key (1 caller)', callers: 1, op: (k) => plain.get(k), keys: cluster.getKeys.remote, results: [] },
      { group, name: 'get remote key, near cache (1 caller)', callers: 1, op: (k) => near.get(k), keys: cluster.getKeys.remote, results: [] },
      { group, name: 'set remote key (1 caller)', callers: 1, op: (k) => plain.set(k, valueOf(2)), keys: cluster.setKeys.remote, results: [] },
      {
        group,
        name: 'set remote key, near-cache map',
        op: (k) => near.set(k, valueOf(3)),
        keys: cluster.setKeys.remote,
        results: [],
      },
    );
  }
  return variants.map((variant) => ({ ...variant, pids }));
}

function redisVariants(redis: Redis, redisPid: number, keys: string[]): Variant[] {
  const group = 'redis-server (loopback, ioredis)';
  const pids = [process.pid, redisPid];
  const variants: Omit<Variant, 'pids'>[] = [
    { group, name: 'GET', op: (k) => redis.get(k), keys, results: [] },
    { group, name: 'SET', op: (k) => redis.set(k, valueOf(4)), keys, results: [] },
    { group, name: 'GET (1 caller)', callers: 1, op: (k) => redis.get(k), keys, results: [] },
    { group, name: 'SET (1 caller)', callers: 1, op: (k) => redis.set(k, valueOf(4)), keys, results: [] },
  ];
  return variants.map((variant) => ({ ...variant, pids }));
}

function measure(variant: Variant, ms: number): Promise<SegmentResult> {
  return runSegment(variant.op, variant.keys, variant.callers ?? CONCURRENCY, ms, variant.pids);
}

async function throughput(): Promise<Variant[]> {
  log(`starting clusters of ${CLUSTER_SIZES.join(', ')} members (measuring member in this process, the others as child processes)`);
  const clusters = await Promise.all(CLUSTER_SIZES.map((size) => startCluster(size)));
  log(`prefilling ${SETTINGS.keys} get keys and ${SETTINGS.keys} set keys per map and cluster`);
  for (const cluster of clusters) await prepare(cluster);

  const variants = clusters.flatMap((cluster) => gridVariants(cluster));
  const binary = findRedisServer();
  let redis: Redis | undefined;
  if (binary) {
    redisProcess = await RedisProcess.start(binary);
    redis = new Redis({ host: '127.0.0.1', port: redisProcess.port, lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const keys = Array.from({ length: SETTINGS.keys }, (_, i) => `g${i}`);
    for (let i = 0; i < keys.length; i += 500) {
      const batch = redis.pipeline();
      for (const key of keys.slice(i, i + 500)) batch.set(key, valueOf(0));
      await batch.exec();
    }
    variants.push(...redisVariants(redis, redisProcess.pid!, keys));
  } else {
    log('redis-server not found: Redis rows are skipped (Debian: apt-get install -y redis-server)');
  }

  log(`warm-up: every variant for ${SETTINGS.warmupMs} ms`);
  for (const variant of variants) {
    await measure(variant, SETTINGS.warmupMs);
    variant.note?.();
  }
  for (let round = 1; round <= SETTINGS.rounds; round++) {
    log(`round ${round}/${SETTINGS.rounds}: ${variants.length} variants x ${SETTINGS.segmentMs} ms, random order`);
    for (const variant of shuffle([...variants])) {
      variant.results.push(await measure(variant, SETTINGS.segmentMs));
      // Let heartbeats and other timers run between segments.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const notes = new Map(variants.filter((v) => v.note).map((v) => [v, v.note!()]));
  for (const variant of variants) if (notes.has(variant)) variant.note = () => notes.get(variant)!;

  await redis?.quit();
  await redisProcess?.stop();
  redisProcess = undefined;
  for (const cluster of clusters) {
    await cluster.member.stop();
    await Promise.all(cluster.children.map((c) => c.kill('SIGKILL')));
  }
  return variants;
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
const fmtUs = (us: number) => (us < 10 ? fmt(us, 2) : us < 100 ? fmt(us, 1) : fmt(us));

function summary(variant: Variant) {
  return {
    opsPerSec: median(variant.results.map((r) => r.opsPerSec)),
    p50Us: median(variant.results.map((r) => r.p50Us)),
    p99Us: median(variant.results.map((r) => r.p99Us)),
    cpuUsPerOp: median(variant.results.map((r) => r.cpuUsPerOp)),
  };
}

function printTable(variants: Variant[]): void {
  const header = ['setup', 'operation', 'ops/s', 'p50 µs', 'p99 µs', 'CPU µs/op', 'note'];
  const numeric = (column: number) => column >= 2 && column <= 5;
  const rows = variants.map((v) => {
    const s = summary(v);
    return [v.group, v.name, fmt(s.opsPerSec), fmtUs(s.p50Us), fmtUs(s.p99Us), fmt(s.cpuUsPerOp, 1), v.note?.() ?? ''];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  console.log(
    `\nThroughput and latency: ${CONCURRENCY} concurrent callers, ${VALUE_BYTES}-byte values, median of ${SETTINGS.rounds} rounds of ${SETTINGS.segmentMs} ms per variant${quick ? ' (--quick)' : ''}.`,
  );
  console.log(
    "CPU µs/op: CPU time (user and kernel, all threads) per operation of this process and the setup's child members or redis-server; " +
      'this process also hosts the idle members of the other clusters.',
  );
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (numeric(i) ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/**
 * The near-cache goal ("local reads at least 50x faster than a Redis GET round trip") is about the
 * cost of one read, so it is judged on the p50 latency of a single caller (no queueing behind
 * other callers); the throughput ratio at equal concurrency is shown beside it. The remote get/set
 * goals are judged, as before, on throughput at equal concurrency, with 1-caller latency beside.
 */
function printGoals(variants: Variant[]): void {
  const find = (group: string, name: string) => variants.find((v) => v.group.startsWith(group) && v.name === name);
  const redisGet = find('redis', 'GET');
  const redisSet = find('redis', 'SET');
  console.log('\nGoals:');
  if (!redisGet || !redisSet) {
    console.log('  not measured: redis-server is not installed');
    return;
  }
  const rg = summary(redisGet);
  const rg1 = summary(find('redis', 'GET (1 caller)')!);
  const rs1 = summary(find('redis', 'SET (1 caller)')!);
  const verdict = (ok: boolean) => (ok ? 'goal met' : 'goal missed');
  for (const size of GOAL_SIZES) {
    const group = `grid, ${size} members`;
    const near = summary(find(group, 'get remote key, near cache')!);
    const near1 = summary(find(group, 'get remote key, near cache (1 caller)')!);
    const latencyRatio = rg1.p50Us / near1.p50Us;
    console.log(
      `  ${size} members: near-cache read vs Redis GET, p50 with 1 caller: ${fmtUs(near1.p50Us)} µs vs ${fmtUs(rg1.p50Us)} µs = ${fmt(latencyRatio, 1)}x faster ` +
        `(goal >= ${GOALS.nearCacheVsRedisGet}x): ${verdict(latencyRatio >= GOALS.nearCacheVsRedisGet)}; ` +
        `throughput with ${CONCURRENCY} callers ${fmt(near.opsPerSec / rg.opsPerSec, 1)}x (for information)`,
    );
    for (const [name, redisVariant, redis1, name1] of [
      ['get remote key', redisGet, rg1, 'get remote key (1 caller)'],
      ['set remote key', redisSet, rs1, 'set remote key (1 caller)'],
    ] as const) {
      const gridVariant = find(group, name)!;
      const grid = summary(gridVariant);
      const redis = summary(redisVariant);
      const grid1 = summary(find(group, name1)!);
      const slower = redis.opsPerSec / grid.opsPerSec;
      // Both ran once in every round: the spread of the per-round ratios shows how firm the verdict is.
      const perRound = gridVariant.results.map((result, round) => redisVariant.results[round]!.opsPerSec / result.opsPerSec);
      console.log(
        `  ${size} members: ${name} vs Redis ${name.startsWith('get') ? 'GET' : 'SET'}, throughput with ${CONCURRENCY} callers: ${fmt(slower, 2)}x slower ` +
          `(rounds ${fmt(Math.min(...perRound), 2)}–${fmt(Math.max(...perRound), 2)}x; goal within ${GOALS.remoteVsRedis}x): ${verdict(slower <= GOALS.remoteVsRedis)}; ` +
          `p50 with 1 caller ${fmtUs(grid1.p50Us)} µs = ${fmt(grid1.p50Us / redis1.p50Us, 2)}x Redis (for information)`,
      );
      console.log(
        `    CPU per operation ${fmt(grid.cpuUsPerOp, 1)} µs in ${gridVariant.pids.length} processes vs ${fmt(redis.cpuUsPerOp, 1)} µs in ${redisVariant.pids.length}; ` +
          `cores kept busy ${fmt(coresBusy(grid), 2)} vs ${fmt(coresBusy(redis), 2)} of ${cpus().length}`,
      );
    }
  }
}

/** Cores the setup's processes kept busy on average; near the machine's count, throughput is bound by CPU time, not by waiting. */
function coresBusy(result: { opsPerSec: number; cpuUsPerOp: number }): number {
  return (result.opsPerSec * result.cpuUsPerOp) / 1e6;
}

async function memoryOf(child?: ChildMember): Promise<NodeJS.MemoryUsage> {
  if (child) return child.call<NodeJS.MemoryUsage>('memory', { gc: true }, 120_000);
  collectGarbage();
  return process.memoryUsage();
}

/**
 * Loads the entries into a fresh 3-member cluster and returns the report. Runs before part 1, so
 * the RSS of this process is not lowered by memory freed from earlier phases.
 */
async function loadTest(): Promise<string[]> {
  const entries = SETTINGS.loadEntries;
  log(`load test: 3-member cluster, ${fmt(entries)} entries of ${VALUE_BYTES} bytes, backupCount 1`);
  const clusterSecret = `bench-load-${randomUUID()}`;
  const member = await createMember({ clusterSecret, port: 0, ...TIMINGS });
  members.push(member);
  const config: ChildConfig = { clusterSecret, port: 0, seeds: [member.address], ...TIMINGS };
  const others = await Promise.all([ChildMember.start(config), ChildMember.start(config)]);
  children.push(...others);
  await waitForBalanced(member, others, 3);
  const all = [undefined, ...others];
  const before = await Promise.all(all.map((child) => memoryOf(child)));

  const map = member.getMap<string, string>('sessions');
  const started = performance.now();
  let next = 0;
  let lastReport = started;
  const worker = async () => {
    for (let i = next++; i < entries; i = next++) {
      await map.set(`session:${i}`, valueOf(i));
      if (i % 10_000 === 0 && performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        log(`  ${fmt(i)} entries after ${fmt((lastReport - started) / 1000, 1)} s`);
      }
    }
  };
  await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const size = await map.size();

  const after = await Promise.all(all.map((child) => memoryOf(child)));
  const stats: MemberStats[] = [member.stats(), ...(await Promise.all(others.map((c) => c.stats())))];
  const mb = (bytes: number) => fmt(bytes / 1024 / 1024, 1);
  const out = [
    `\nLoad: ${fmt(entries)} entries (${VALUE_BYTES}-byte values, backupCount 1) written through one member with ${LOAD_CONCURRENCY} concurrent callers in ${fmt(seconds, 1)} s = ${fmt(entries / seconds)} sets/s; size() = ${fmt(size)}`,
    'Memory per member (deltas from before the load to after it, both after a full GC; "external" holds the Buffers of keys and values):',
  ];
  const header = ['member', 'owned', 'backups', 'approxBytes (stats)', 'RSS delta', 'heapUsed delta', 'external delta'];
  const rows = stats.map((s, i) => {
    const m = s.maps.sessions ?? { ownedEntries: 0, backupEntries: 0, approxBytes: 0 };
    return [
      i === 0 ? 'benchmark process (coordinator)' : `child process ${i}`,
      fmt(m.ownedEntries),
      fmt(m.backupEntries),
      `${mb(m.approxBytes)} MiB`,
      `${mb(after[i]!.rss - before[i]!.rss)} MiB`,
      `${mb(after[i]!.heapUsed - before[i]!.heapUsed)} MiB`,
      `${mb(after[i]!.external - before[i]!.external)} MiB`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  out.push(line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`, ...rows.map(line));
  const delta = (pick: (u: NodeJS.MemoryUsage) => number) => after.reduce((sum, u, i) => sum + pick(u) - pick(before[i]!), 0);
  const copies = stats.reduce((sum, s) => sum + (s.maps.sessions?.ownedEntries ?? 0) + (s.maps.sessions?.backupEntries ?? 0), 0);
  const perCopy = (bytes: number) => fmt(bytes / copies);
  out.push(
    `Total for ${fmt(copies)} stored copies (owned + backup): RSS ${mb(delta((u) => u.rss))} MiB = ${perCopy(delta((u) => u.rss))} bytes per copy; ` +
      `heapUsed ${perCopy(delta((u) => u.heapUsed))} + external ${perCopy(delta((u) => u.external))} bytes per copy; ` +
      `approxBytes ${perCopy(stats.reduce((sum, s) => sum + (s.maps.sessions?.approxBytes ?? 0), 0))} bytes per copy`,
  );

  await member.stop();
  await Promise.all(others.map((c) => c.kill('SIGKILL')));
  // Let go of the stopped member: its third of the entries would otherwise stay on this
  // process's heap and make every full garbage collection of the throughput part slower.
  members.splice(members.indexOf(member), 1);
  return out;
}

function killEverything(): void {
  for (const child of children) if (child.running) child.signal('SIGKILL');
  redisProcess?.killNow();
}

async function main(): Promise<void> {
  const limit = setTimeout(() => {
    log(`aborting: the run exceeded ${RUN_LIMIT_MS / 60_000} minutes`);
    killEverything();
    process.exit(2);
  }, RUN_LIMIT_MS);
  limit.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killEverything();
      process.exit(130);
    });
  }
  const started = Date.now();
  console.log(`grid benchmark${quick ? ' (--quick)' : ''}: node ${process.version}, ${cpus().length} cores`);
  try {
    const load = await loadTest();
    const variants = await throughput();
    printTable(variants);
    printGoals(variants);
    for (const line of load) console.log(line);
  } finally {
    killEverything();
    await Promise.all(members.map((m) => m.stop()));
  }
  console.log(`\nTotal benchmark time ${fmt((Date.now() - started) / 1000, 0)} s`);
  clearTimeout(limit);
}

main().catch((error: unknown) => {
  console.error(error);
  killEverything();
  process.exit(1);
});
