import { decodeValue, encodeValue } from '../codec';
import type { Logger } from '../logger';
import type { Membership } from '../membership';
import type { MessageBus } from '../transport';

export interface TopicMessageInfo {
  publisherId: string;
}

type TopicListener = (message: unknown, info: TopicMessageInfo) => void;

interface WirePublish {
  topic: string;
  publisher: string;
  seq: number;
  message: Uint8Array;
}

/**
 * Pub/sub. A publish is sent to every member (itself included) over the publisher's
 * single connection to each, so each member receives one publisher's messages in publish
 * order; a per-publisher sequence number drops anything that would arrive out of order
 * after a reconnect. `publish` resolves once every reachable member has delivered it.
 */
export class TopicService {
  private sequence = 0;
  private readonly lastDelivered = new Map<string, number>();
  private readonly listeners = new Map<string, Set<TopicListener>>();
  published = 0;
  delivered = 0;

  constructor(
    private readonly messenger: MessageBus,
    private readonly membership: Membership,
    private readonly checkActive: () => void,
    private readonly logger: Logger,
  ) {
    messenger.handle('topic.publish', (body: WirePublish) => this.deliver(body));
  }

  async publish(topic: string, message: unknown): Promise<void> {
    this.checkActive();
    const body: WirePublish = { topic, publisher: this.membership.self.id, seq: ++this.sequence, message: encodeValue(message) };
    this.published++;
    const results = await Promise.allSettled(
      this.membership.members.map((m) => this.messenger.request(m.address, 'topic.publish', body)),
    );
    for (const result of results) {
      if (result.status === 'rejected') this.logger.warn('topic message not delivered to a member', { topic, error: String(result.reason) });
    }
  }

  subscribe(topic: string, listener: TopicListener): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  private deliver(body: WirePublish): void {
    if (body.seq <= (this.lastDelivered.get(body.publisher) ?? 0)) return;
    this.lastDelivered.set(body.publisher, body.seq);
    const listeners = this.listeners.get(body.topic);
    if (!listeners || listeners.size === 0) return;
    const message = decodeValue(Buffer.from(body.message));
    for (const listener of listeners) {
      this.delivered++;
      try {
        listener(message, { publisherId: body.publisher });
      } catch (error) {
        this.logger.error('topic listener failed', { topic: body.topic, error: String(error) });
      }
    }
  }
}

/** A named topic on a member. */
export class GridTopic<T> {
  constructor(
    readonly name: string,
    private readonly service: TopicService,
  ) {}

  publish(message: T): Promise<void> {
    return this.service.publish(this.name, message);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: (message: T, info: TopicMessageInfo) => void): () => void {
    return this.service.subscribe(this.name, listener as TopicListener);
  }
}
