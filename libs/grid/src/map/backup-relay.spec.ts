import { describe, expect, it } from 'vitest';
import { MemoryNetwork, type MemoryBus } from '../test-support/memory-bus';
import { captureLogger, waitFor } from '../test-support/wait';
import type { Sender } from '../transport';
import { BackupRelays } from './backup-relay';
import { decodeWriteResult, encodeWriteResult, type Relay } from './wire';

const owner: Sender = { memberId: 'owner', address: 'owner:1' };
const backup: Sender = { memberId: 'backup', address: 'backup:1' };
const requester: Sender = { memberId: 'requester', address: 'requester:1', requestId: 42 };

/** Owner, backup and requester on an in-memory network; the backup keeps what it receives. */
function setUp(nearCacheLeaseMs = 1000) {
  const network = new MemoryNetwork();
  const completed: Array<{ via: string; id: number; res: unknown }> = [];
  const relaysOf = (self: Sender, onComplete?: (via: string, id: number, res: unknown) => boolean) => {
    const bus = network.bus(self) as MemoryBus & { completeRequest(via: string, id: number, res: unknown): boolean };
    bus.completeRequest = onComplete ?? (() => false);
    return { bus, relays: new BackupRelays({ messenger: bus, self: () => ({ id: self.memberId, address: self.address }), nearCacheLeaseMs, logger: captureLogger().logger }) };
  };
  const atOwner = relaysOf(owner);
  const atBackup = relaysOf(backup);
  relaysOf(requester, (via, id, res) => {
    completed.push({ via, id, res });
    return true;
  });
  const received: Relay[] = [];
  atBackup.bus.handle('map.backup', (body: { re: Relay }) => void received.push(body.re));
  /** What the owner's map service does: queue the write with its relay at once, or report that it cannot. */
  const sendToBackup = (re: Relay): boolean => atOwner.bus.sendNow(backup.address, 'map.backup', { re });
  return { network, completed, received, owner: atOwner.relays, backup: atBackup.relays, sendToBackup };
}

describe('BackupRelays', () => {
  it('keeps the write permit until the backup acknowledged, and delivers the answer to the requester', async () => {
    const { completed, received, owner: atOwner, backup: atBackup, sendToBackup } = setUp();
    let released = 0;
    const result = { r: true, ver: 7 };
    expect(atOwner.handOver('backup', requester, result, false, () => released++, sendToBackup)).toBe(true);
    await waitFor('backup received the relay', () => received.length === 1);
    // Applied on the owner, not yet on the backup: nothing answered, permit held.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([completed.length, released, atOwner.inFlight]).toEqual([0, 0, 1]);
    atBackup.answer(received[0]!, owner);
    await waitFor('answer and acknowledgement', () => completed.length === 1 && released === 1);
    expect(completed[0]).toEqual({ via: owner.address, id: 42, res: result });
    expect(atOwner.inFlight).toBe(0);
  });

  it('answers from the owner and releases the permits when the backup is lost, once; late acknowledgements change nothing', async () => {
    const { completed, received, owner: atOwner, backup: atBackup, sendToBackup } = setUp();
    let released = 0;
    for (let i = 0; i < 3; i++) {
      atOwner.handOver('backup', { ...requester, requestId: i }, encodeWriteResult({ r: i, ver: i + 1 }), false, () => released++, sendToBackup);
    }
    await waitFor('relays received', () => received.length === 3);
    atOwner.backupLost('backup');
    await waitFor('answered by the owner', () => completed.length === 3);
    expect(completed.map((c) => c.id)).toEqual([0, 1, 2]);
    // The backup may or may not hold them: the answers say the writes are not known to be durable.
    expect(completed.map((c) => decodeWriteResult(c.res))).toEqual([0, 1, 2].map((i) => ({ r: i, ver: i + 1, notDurable: true })));
    expect(released).toBe(3);
    // The backup applied them after all: its answers are duplicates, its acknowledgement releases nothing twice.
    for (const relay of received) atBackup.answer(relay, owner);
    await waitFor('duplicate answers delivered', () => completed.length === 6);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(released).toBe(3);
  });

  it('waits a near-cache lease before answering writes of a near-cache map whose backup was lost', async () => {
    const { completed, received, owner: atOwner, sendToBackup } = setUp(150);
    let released = 0;
    atOwner.handOver('backup', requester, encodeWriteResult({ r: 1, ver: 1 }), true, () => released++, sendToBackup);
    await waitFor('relay received', () => received.length === 1);
    const lostAt = Date.now();
    atOwner.backupLost('backup');
    await waitFor('answered after the lease', () => completed.length === 1 && released === 1);
    expect(Date.now() - lostAt).toBeGreaterThanOrEqual(140);
  });

  it('gives the write back to the owner when the backup cannot be reached', async () => {
    const { network, completed, owner: atOwner, sendToBackup } = setUp();
    network.unreachable.add(backup.address);
    let released = 0;
    expect(atOwner.handOver('backup', requester, { r: 1 }, false, () => released++, sendToBackup)).toBe(false);
    expect([completed.length, released, atOwner.inFlight]).toEqual([0, 0, 0]);
  });

  it('ignores an answer meant for another member at the same address (a predecessor process)', async () => {
    const { completed, received, owner: atOwner, backup: atBackup, sendToBackup } = setUp();
    atOwner.handOver('backup', { ...requester, memberId: 'previous-process' }, { r: 1 }, false, () => {}, sendToBackup);
    await waitFor('relay received', () => received.length === 1);
    atBackup.answer(received[0]!, owner);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(completed).toEqual([]);
  });
});
