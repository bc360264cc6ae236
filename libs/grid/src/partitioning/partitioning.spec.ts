import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignPartitions, replicaCounts, type ReplicaTable } from './assignment';
import { keyBytes, murmur3, partitionOf } from './hash';
import { splitSnapshot } from './partition-data';

const P = 271;
const members = (n: number, prefix = 'm') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function checkTable(table: ReplicaTable, ids: string[], backupCount: number) {
  const replicaCount = Math.min(backupCount + 1, ids.length);
  expect(table).toHaveLength(P);
  // One assertion over all rows keeps the property test fast.
  const badRows = table.filter(
    (row) => row.length !== replicaCount || new Set(row).size !== row.length || row.some((id) => !ids.includes(id)),
  );
  expect(badRows).toEqual([]);
  const ownerCounts = replicaCounts(table, [0]);
  for (const id of ids) {
    expect(ownerCounts.get(id) ?? 0).toBeLessThanOrEqual(Math.ceil(P / ids.length));
    expect(ownerCounts.get(id) ?? 0).toBeGreaterThanOrEqual(Math.floor(P / ids.length));
  }
  if (replicaCount > 1) {
    const backupSlots = P * (replicaCount - 1);
    const backupCounts = replicaCounts(table, Array.from({ length: replicaCount - 1 }, (_, i) => i + 1));
    for (const id of ids) {
      expect(backupCounts.get(id) ?? 0).toBeLessThanOrEqual(Math.ceil(backupSlots / ids.length) + 1);
      expect(backupCounts.get(id) ?? 0).toBeGreaterThanOrEqual(Math.floor(backupSlots / ids.length) - 1);
    }
  }
}

describe('key hashing', () => {
  it('matches the MurmurHash3 x86_32 reference vectors', () => {
    expect(murmur3(Buffer.from(''))).toBe(0);
    expect(murmur3(Buffer.from(''), 1)).toBe(0x514e28b7);
    expect(murmur3(Buffer.from('hello'))).toBe(0x248bfa47);
    expect(murmur3(Buffer.from('The quick brown fox jumps over the lazy dog'))).toBe(0x2e4ff723);
  });

  it('is stable and in range for any key', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.array(fc.string())), (key) => {
        const p = partitionOf(key, P);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThan(P);
        expect(partitionOf(structuredClone(key), P)).toBe(p);
      }),
    );
  });

  it('distinguishes keys of different types with equal text', () => {
    expect(keyBytes('1').equals(keyBytes(1))).toBe(false);
  });

  it('spreads sequential keys evenly over partitions', () => {
    const counts = new Array<number>(P).fill(0);
    for (let i = 0; i < 27_100; i++) counts[partitionOf(`user:${i}`, P)]!++;
    expect(Math.max(...counts)).toBeLessThan(160);
    expect(Math.min(...counts)).toBeGreaterThan(40);
  });
});

describe('partition assignment', () => {
  it('is balanced with distinct replicas for 1..9 members', () => {
    for (let n = 1; n <= 9; n++) {
      for (const backups of [0, 1, 2]) checkTable(assignPartitions(undefined, members(n), P, backups), members(n), backups);
    }
  });

  it('stays balanced through any sequence of joins and departures', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 2 }), (steps, backups) => {
        let ids = ['m0'];
        let table = assignPartitions(undefined, ids, P, backups);
        let next = 1;
        for (const join of steps) {
          const before = table;
          const joined = join || ids.length === 1;
          if (joined) ids = [...ids, `m${next++}`];
          else ids = ids.filter((_, i) => i !== next % ids.length);
          table = assignPartitions(before, ids, P, backups);
          checkTable(table, ids, backups);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('moves few partitions when a member joins', () => {
    const before = assignPartitions(undefined, members(3), P, 1);
    const after = assignPartitions(before, members(4), P, 1);
    const ownerMoves = after.filter((row, p) => row[0] !== before[p]![0]).length;
    expect(ownerMoves).toBeLessThanOrEqual(Math.ceil(P / 4) + 2);
  });

  it('promotes the backup when an owner leaves', () => {
    const before = assignPartitions(undefined, members(3), P, 1);
    const after = assignPartitions(before, ['m0', 'm2'], P, 1);
    for (let p = 0; p < P; p++) {
      if (before[p]![0] === 'm1') expect(after[p]![0]).toBe(before[p]![1]);
    }
  });
});

describe('snapshot chunks', () => {
  const wire = (n: number, bytes: number) => ({ k: Buffer.from(`k${n}`), v: Buffer.alloc(bytes), ver: n, ttl: 0, upd: 0 });

  it('splits entries into chunks under the budget, keeping every entry exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 40 }), fc.integer({ min: 100, max: 2000 }), (sizes, budget) => {
        const snapshot = { counter: 7, maps: [{ name: 'a', entries: sizes.map((s, i) => wire(i, s)) }, { name: 'b', entries: [wire(99, 10)] }] };
        const chunks = splitSnapshot(snapshot, budget);
        expect(chunks.length).toBeGreaterThan(0);
        for (const chunk of chunks) {
          expect(chunk.counter).toBe(7);
          const entries = chunk.maps.flatMap((m) => m.entries);
          const bytes = entries.reduce((sum, e) => sum + e.k.length + e.v.length + 64, 0);
          if (entries.length > 1) expect(bytes).toBeLessThanOrEqual(budget);
        }
        const flattened = chunks.flatMap((c) => c.maps.flatMap((m) => m.entries.map((e) => `${m.name}:${e.ver}`)));
        expect(flattened).toEqual([...sizes.map((_, i) => `a:${i}`), 'b:99']);
      }),
    );
  });

  it('yields one chunk for an empty partition, so the receiver still replaces its copy', () => {
    expect(splitSnapshot({ counter: 3, maps: [] }, 100)).toEqual([{ counter: 3, maps: [] }]);
  });
});
