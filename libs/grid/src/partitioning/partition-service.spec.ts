import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { RecordStore, keyIdOf } from '../map/record-store';
import { Membership, type MemberInfo } from '../membership';
import { MemoryNetwork } from '../test-support/memory-bus';
import { waitFor } from '../test-support/wait';
import { PartitionService } from './partition-service';

const PARTITIONS = 31;

function makeMember(network: MemoryNetwork, name: string, startedAt: number) {
  const self: MemberInfo = { id: name, address: `${name}:1`, startedAt };
  const messenger = network.bus({ memberId: self.id, address: self.address });
  const membership = new Membership({ messenger, self, discoverSeeds: async () => [], joinTimeoutMs: 500, requestTimeoutMs: 500, leaseValid: () => true, logger: silentLogger });
  const store = new RecordStore(PARTITIONS);
  const partitions = new PartitionService({
    messenger,
    membership,
    store,
    partitionCount: PARTITIONS,
    backupCount: 1,
    requestTimeoutMs: 500,
    migrationTimeoutMs: 2000,
    migrationConcurrency: 4,
    // Tiny chunks: every partition's copy travels in several messages.
    snapshotChunkBytes: 100,
    ownerLeaseValid: () => true,
    fenceMs: 0,
    logger: silentLogger,
  });
  membership.on('changed', () => {
    if (membership.isCoordinator) partitions.requestRebalance();
  });
  return { membership, store, partitions };
}

// The store keys entries by their key bytes, as the map service does.
const entry = (p: number) => ({ key: Buffer.from(`k${p}`), value: Buffer.from(`v${p}`), version: 1, expiresAt: 0, updatedAt: 1 });
const keyId = (p: number) => keyIdOf(entry(p).key);

describe('PartitionService driven over an in-memory bus', () => {
  it('moves every partition with its entries to the new replicas when a member joins, then when one leaves', async () => {
    const network = new MemoryNetwork();
    const a = makeMember(network, 'a', 1);
    await a.membership.join([]);
    await waitFor('first table', () => a.partitions.currentTable !== undefined);
    expect(a.partitions.partitionsAt('owner')).toHaveLength(PARTITIONS);
    for (let p = 0; p < PARTITIONS; p++) {
      a.store.put(p, 'm', keyId(p), entry(p));
      for (let i = 0; i < 3; i++) a.store.put(p, 'extra', `x${i}`, { ...entry(p), key: Buffer.from(`x${i}`) });
    }

    const b = makeMember(network, 'b', 2);
    const c = makeMember(network, 'c', 3);
    await b.membership.join(['a:1']);
    await c.membership.join(['a:1']);
    const all = [a, b, c];
    const settled = (members: typeof all) =>
      members.every((m) => m.partitions.currentTable?.version === a.partitions.currentTable?.version && m.partitions.migrationsInProgress === 0) &&
      members.reduce((sum, m) => sum + m.partitions.partitionsAt('owner').length, 0) === PARTITIONS &&
      members.every((m) => m.partitions.partitionsAt('owner').length >= 10);
    await waitFor('three members share the partitions', () => settled(all));
    const holders = (p: number) => all.filter((m) => m.store.get(p, 'm', keyId(p))?.value.equals(entry(p).value));
    for (let p = 0; p < PARTITIONS; p++) {
      const replicas = a.partitions.currentTable!.replicas[p]!;
      expect(holders(p).map((m) => m.membership.self.id).sort()).toEqual([...replicas].sort());
      for (const holder of holders(p)) expect(holder.store.countLive(p, 'extra', Date.now())).toBe(3);
    }

    // b leaves gracefully: the coordinator excludes it, migrates, then removes it.
    await b.membership.requestLeave();
    await waitFor('b holds no replica', () => a.partitions.currentTable!.replicas.every((row) => !row.includes('b')));
    a.membership.remove(['b']);
    await waitFor('two members share the partitions', () => settled([a, c]));
    for (let p = 0; p < PARTITIONS; p++) {
      expect(a.store.get(p, 'm', keyId(p))?.value ?? c.store.get(p, 'm', keyId(p))?.value).toEqual(entry(p).value);
      expect(a.store.get(p, 'm', keyId(p)) && c.store.get(p, 'm', keyId(p))).toBeTruthy();
    }
  });

  it('refuses writes on a partition this member does not own, and admits them on the owner', async () => {
    const network = new MemoryNetwork();
    const a = makeMember(network, 'a', 1);
    const b = makeMember(network, 'b', 2);
    await a.membership.join([]);
    await b.membership.join(['a:1']);
    await waitFor('table with both', () => b.partitions.currentTable?.replicas.some((row) => row[0] === 'b') === true);
    const ownedByB = b.partitions.partitionsAt('owner')[0]!;
    expect(() => a.partitions.acquireWrite(ownedByB)).toThrowError(expect.objectContaining({ code: 'WRONG_OWNER' }));
    const release = b.partitions.acquireWrite(ownedByB);
    release();
    expect(() => b.partitions.checkRead(ownedByB)).not.toThrow();
  });
});
