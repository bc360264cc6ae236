import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMember, type Member } from '../member';
import { testConfig } from '../test-support/cluster';
import { waitFor } from '../test-support/wait';
import { discoverSeeds } from './discovery';
import { outranks } from './membership';

const started: Member[] = [];

/** Ports the OS reports free right now (each member must know the others' addresses up front). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve) => {
      const server = net.createServer();
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((m) => m.stop()));
});

describe('discovery', () => {
  it('combines static seeds with A/AAAA records of a DNS name', async () => {
    const resolve = async (name: string) => {
      expect(name).toBe('grid.internal');
      return [{ address: '127.0.0.2' }, { address: '::1' }];
    };
    const seeds = await discoverSeeds({ seeds: ['127.0.0.1:5701'], dns: { name: 'grid.internal' } }, 5702, resolve);
    expect(seeds).toEqual(['127.0.0.1:5701', '127.0.0.2:5702', '[::1]:5702']);
  });

  it('ignores a DNS name that does not resolve', async () => {
    const seeds = await discoverSeeds({ seeds: ['127.0.0.1:5701'], dns: { name: 'nowhere', port: 1 } }, 5701, async () => {
      throw new Error('ENOTFOUND');
    });
    expect(seeds).toEqual(['127.0.0.1:5701']);
  });

  it('resolves localhost through the real resolver', async () => {
    const seeds = await discoverSeeds({ dns: { name: 'localhost', port: 5701 } }, 5701);
    expect(seeds.some((s) => s === '127.0.0.1:5701' || s === '[::1]:5701')).toBe(true);
  });
});

describe('merge ranking', () => {
  const member = (id: string, startedAt: number) => ({ id, address: `${id}:1`, startedAt });
  it('prefers the larger cluster, then the older coordinator, then the lower id', () => {
    expect(outranks({ coordinator: member('b', 2), size: 3 }, { coordinator: member('a', 1), size: 2 })).toBe(true);
    expect(outranks({ coordinator: member('b', 1), size: 2 }, { coordinator: member('a', 2), size: 2 })).toBe(true);
    expect(outranks({ coordinator: member('a', 1), size: 2 }, { coordinator: member('b', 1), size: 2 })).toBe(true);
    expect(outranks({ coordinator: member('b', 1), size: 2 }, { coordinator: member('a', 1), size: 2 })).toBe(false);
  });
});

describe('joining', () => {
  it('takes the next free port when asked, and refuses a taken port otherwise', async () => {
    const first = await createMember(testConfig({ port: 0 }));
    started.push(first);
    const port = Number(first.address.split(':')[1]);
    await expect(createMember(testConfig({ port }))).rejects.toThrow(/EADDRINUSE/);
    const second = await createMember(testConfig({ port, portAutoIncrement: true, seeds: [first.address] }));
    started.push(second);
    expect(Number(second.address.split(':')[1])).toBeGreaterThan(port);
    await waitFor('joined', () => first.members().length === 2);
  });

  it('forms one cluster when members start at the same time, each seeded with the other', async () => {
    const ports = await freePorts(3);
    const addresses = ports.map((port) => `127.0.0.1:${port}`);
    const members = await Promise.all(
      ports.map((port, i) => createMember(testConfig({ port, seeds: addresses.filter((_, j) => j !== i) }))),
    );
    started.push(...members);
    await waitFor('one cluster of three', () => members.every((m) => m.members().length === 3), 15_000);
    const coordinators = new Set(members.map((m) => m.members()[0]!.id));
    expect(coordinators.size).toBe(1);
  });
});
