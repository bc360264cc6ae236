import type { Logger } from '../logger';
import type { MessageBus, Messenger, Sender } from '../transport';
import { decodeRelayAnswer, encodeRelayAnswer, markNotDurable, type Relay } from './wire';

/**
 * Backups that answer writes in the owner's place.
 *
 * Owner side: `handOver` sends the backup the write together with the owner's answer and keeps
 * the write's permit (which a migration waits for) until the backup acknowledges it, so a
 * partition cannot move while a write is applied on its owner but not yet on its backup.
 * Acknowledgements are cumulative (the highest relay number applied) and sent at most every
 * ACK_DELAY_MS, so they cost a message per batch of writes, not per write; a migration waits
 * that much longer for the writes in flight on a partition. When a connection to or from the backup closes (or it leaves), the
 * owner answers every requester still waiting on it itself and releases the permits: the write
 * then counts as one whose backup was unreachable, as on the owner-answers path. A duplicate
 * answer is harmless: the requester's pending call is gone after the first.
 *
 * Backup side: `answer` delivers the owner's answer to the requester once the write is applied
 * (or refused) and schedules the acknowledgement to the owner.
 */

/** How long a backup gathers relayed writes before acknowledging them to their owners. */
const ACK_DELAY_MS = 10;

interface Unacknowledged {
  relay: Relay;
  release: () => void;
  /** A near-cache map: a lost backup may still serve the old value until its lease on us lapses. */
  nearCache: boolean;
}

export interface BackupRelayOptions {
  messenger: MessageBus & Pick<Messenger, 'completeRequest' | 'sendNow'>;
  /** This member (read on every use: its address is known only once it listens). */
  self: () => { readonly id: string; readonly address: string };
  /** How long a member cut off from us may still serve near-cached values. */
  nearCacheLeaseMs: number;
  logger: Logger;
}

export class BackupRelays {
  private nextSeq = 1;
  /** Owner side, per backup member id: relays not yet acknowledged, in the order sent. */
  private readonly unacknowledged = new Map<string, Unacknowledged[]>();
  /** Backup side, per owner address: the highest relay applied since the last acknowledgement. */
  private readonly pendingAcks = new Map<string, number>();
  private ackTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: BackupRelayOptions) {
    const { messenger } = options;
    messenger.handle('map.reply', (raw: unknown) => {
      const { rid, via, id, res } = decodeRelayAnswer(raw);
      // Request ids restart with a process; the member id tells an answer for a predecessor at the same address.
      if (rid === options.self().id) messenger.completeRequest(via, id, res);
    });
    messenger.handle('map.relay-ack', ({ upTo }: { upTo: number }, from) => this.acknowledged(from.memberId, upTo));
  }

  /** Relays handed over and not yet acknowledged, for stats and tests. */
  get inFlight(): number {
    let count = 0;
    for (const queue of this.unacknowledged.values()) count += queue.length;
    return count;
  }

  /**
   * Owner: hands the write's answer to the backup: `send` queues the write with the relay at once
   * (false when it cannot, e.g. no connection is open yet). Once sent the relay owns `release`
   * (called when acknowledged or lost); on false the caller keeps `release` and answers itself.
   */
  handOver(
    backupId: string,
    requester: Sender,
    /** The owner's answer as encoded for the wire. */
    answer: unknown,
    nearCache: boolean,
    release: () => void,
    send: (relay: Relay) => boolean,
  ): boolean {
    const relay: Relay = {
      to: requester.address,
      rid: requester.memberId,
      via: this.options.self().address,
      id: requester.requestId!,
      seq: this.nextSeq++,
      res: answer,
    };
    if (!send(relay)) return false;
    let queue = this.unacknowledged.get(backupId);
    if (!queue) this.unacknowledged.set(backupId, (queue = []));
    queue.push({ relay, release, nearCache });
    return true;
  }

  /** Backup: the relayed write was applied (or refused): answer its requester, acknowledge to the owner. */
  answer(relay: Relay, owner: Sender): void {
    this.reply(relay);
    this.pendingAcks.set(owner.address, Math.max(this.pendingAcks.get(owner.address) ?? 0, relay.seq));
    if (!this.ackTimer) {
      this.ackTimer = setTimeout(() => this.sendAcks(), ACK_DELAY_MS);
      this.ackTimer.unref();
    }
  }

  /**
   * Owner: the backup is gone, or a connection to or from it closed, so relays may be lost:
   * answer their requesters here and release their permits (after a lease on near-cache maps).
   */
  backupLost(memberId: string): void {
    const lost = this.unacknowledged.get(memberId);
    if (!lost || lost.length === 0) return;
    this.unacknowledged.delete(memberId);
    this.options.logger.warn('backup lost with relayed writes unacknowledged; answering them here', { member: memberId, writes: lost.length });
    // The backup may or may not hold these writes: their answers say so (a durable write then fails as maybe applied).
    const finish = () => {
      for (const { relay, release } of lost) {
        this.reply({ ...relay, res: markNotDurable(relay.res) });
        release();
      }
    };
    if (lost.some((item) => item.nearCache)) setTimeout(finish, this.options.nearCacheLeaseMs);
    else finish();
  }

  /** Delivers the owner's answer to the requester (by the backup, or by the owner when the backup was lost). */
  private reply({ to, rid, via, id, res }: Relay): void {
    const { messenger } = this.options;
    if (rid === this.options.self().id) {
      messenger.completeRequest(via, id, res); // the requester is this member
      return;
    }
    const answer = encodeRelayAnswer({ rid, via, id, res });
    if (messenger.sendNow(to, 'map.reply', answer)) return;
    messenger.notify(to, 'map.reply', answer).catch(() => {
      // The requester is unreachable: its call fails when its connections close, or times out.
    });
  }

  private acknowledged(backupId: string, upTo: number): void {
    const queue = this.unacknowledged.get(backupId);
    if (!queue) return;
    let done = 0;
    while (done < queue.length && queue[done]!.relay.seq <= upTo) queue[done++]!.release();
    queue.splice(0, done);
    if (queue.length === 0) this.unacknowledged.delete(backupId);
  }

  private sendAcks(): void {
    this.ackTimer = undefined;
    for (const [address, upTo] of this.pendingAcks) {
      this.options.messenger.notify(address, 'map.relay-ack', { upTo }).catch(() => {
        // The owner is unreachable: it answers and releases these writes when it sees the connection close.
      });
    }
    this.pendingAcks.clear();
  }
}
