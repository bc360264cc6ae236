import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { MemoryNetwork } from '../test-support/memory-bus';
import { waitFor } from '../test-support/wait';
import type { MemberInfo } from './member-info';
import { Membership } from './membership';

function makeMembers(network: MemoryNetwork, names: string[]) {
  return names.map((name, i) => {
    const self: MemberInfo = { id: name, address: `${name}:1`, startedAt: i };
    return new Membership({
      messenger: network.bus({ memberId: self.id, address: self.address }),
      self,
      discoverSeeds: async () => [],
      joinTimeoutMs: 500,
      requestTimeoutMs: 500,
      leaseValid: () => true,
      logger: silentLogger,
    });
  });
}

const ids = (m: Membership) => m.members.map((x) => x.id);

describe('Membership driven over an in-memory bus', () => {
  it('admits joiners through the coordinator, also when they ask another member', async () => {
    const network = new MemoryNetwork();
    const [a, b, c] = makeMembers(network, ['a', 'b', 'c']);
    await a!.join([]);
    await b!.join(['a:1']);
    await c!.join(['b:1']);
    await waitFor('views delivered', () => [a!, b!, c!].every((m) => ids(m).length === 3));
    for (const m of [a!, b!, c!]) expect(ids(m)).toEqual(['a', 'b', 'c']);
    expect(a!.isCoordinator).toBe(true);
    expect(c!.version).toBe(a!.version);
  });

  it('has the next oldest member take over when the coordinator becomes unreachable', async () => {
    const network = new MemoryNetwork();
    const [a, b, c] = makeMembers(network, ['a', 'b', 'c']);
    await a!.join([]);
    await b!.join(['a:1']);
    await c!.join(['a:1']);
    network.unreachable.add('a:1');
    // c notices first: it reports to b, which confirms with a ping of its own and takes over.
    c!.suspect('a', 'test');
    await waitFor('b took over', () => ids(b!).length === 2 && ids(c!).length === 2);
    expect(ids(b!)).toEqual(['b', 'c']);
    expect(ids(c!)).toEqual(['b', 'c']);
    expect(b!.isCoordinator).toBe(true);
    expect(b!.removedAt('a')).toBeGreaterThan(0);
  });

  it('ignores a view from a member it does not follow', async () => {
    const network = new MemoryNetwork();
    const [a, b, c] = makeMembers(network, ['a', 'b', 'c']);
    await a!.join([]);
    await b!.join(['a:1']);
    await c!.join(['a:1']);
    await waitFor('views delivered', () => ids(c!).length === 3);
    // b, cut off from a, tries to impose a view without a; c still follows a.
    const imposed = { version: c!.version + 5, members: [b!.self, c!.self] };
    expect(c!.receiveView(imposed, 'b')).toBe(false);
    expect(ids(c!)).toEqual(['a', 'b', 'c']);
    expect(c!.receiveView({ version: c!.version + 1, members: [a!.self, c!.self] }, 'a')).toBe(true);
    expect(ids(c!)).toEqual(['a', 'c']);
  });

  it('marks a leaving member, then removes it on request', async () => {
    const network = new MemoryNetwork();
    const [a, b] = makeMembers(network, ['a', 'b']);
    await a!.join([]);
    await b!.join(['a:1']);
    const removed = new Promise<void>((resolve) => b!.once('removed-from-cluster', () => resolve()));
    await b!.requestLeave();
    expect(a!.memberById('b')?.leaving).toBe(true);
    a!.remove(['b']);
    await removed;
    expect(ids(a!)).toEqual(['a']);
  });
});
