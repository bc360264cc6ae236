import type { Logger } from '../logger';
import type { MemberInfo, Membership } from '../membership';
import type { MessageBus } from '../transport';

export type EntryEventType = 'added' | 'updated' | 'removed' | 'expired';

export interface WireEntryEvent {
  map: string;
  type: EntryEventType;
  k: Uint8Array;
  v?: Uint8Array;
  old?: Uint8Array;
}

export type EntryListener = (event: WireEntryEvent) => void;

/** Removes the listener; `registered` resolves once every member of the current view acknowledged (or failed to take) the map's subscription. */
export type Unsubscribe = (() => void) & { registered: Promise<void> };

/** A member's announcement of the maps it has entry listeners on; `v` rises with every change. */
export interface SubscriptionState {
  v: number;
  maps: string[];
}

export interface EntryEventsOptions {
  messenger: MessageBus;
  membership: Membership;
  logger: Logger;
}

/**
 * Entry events of maps: this member's listeners, the subscriptions members announce to each
 * other, and the events owners send. Entry events go only to members that announced listeners
 * for the map (see `subscribe`).
 */
export class EntryEvents {
  private readonly listeners = new Map<string, Set<EntryListener>>();
  /** The maps this member listens on, as last announced. */
  private ownSubscriptions: SubscriptionState = { v: 0, maps: [] };
  /** Per other member: the maps it listens on, from its latest announcement. */
  private readonly memberSubscriptions = new Map<string, { v: number; maps: Set<string> }>();
  /** Settles when the latest subscription announcement was acknowledged by (or failed on) every member. */
  private announced: Promise<void> = Promise.resolve();

  constructor(private readonly options: EntryEventsOptions) {
    const { messenger } = options;
    messenger.handle('map.event', (event: WireEntryEvent) => this.deliver(event));
    messenger.handle('map.subscriptions', (body: SubscriptionState, from) => this.receiveSubscriptions(from.memberId, body));
  }

  /**
   * Registers a listener for a map's entry events. The first listener of a map announces the
   * subscription to every member (and the last one to go withdraws it), so owners send events
   * only to members that listen. The announcement leaves before any later request of this
   * member to the same peer, so events of this member's own writes issued after `subscribe`
   * are delivered; writes by other members reach the listener once the announcement arrived
   * at their owners (`registered` tells when every member has it). Members joining later learn
   * it when they join, and heartbeats repeat it, so a lost announcement heals.
   */
  subscribe(map: string, listener: EntryListener): Unsubscribe {
    let set = this.listeners.get(map);
    if (!set) {
      set = new Set();
      this.listeners.set(map, set);
      this.announceSubscriptions();
    }
    set.add(listener);
    const listeners = set;
    const unsubscribe = () => {
      if (!listeners.delete(listener) || listeners.size > 0 || this.listeners.get(map) !== listeners) return;
      this.listeners.delete(map);
      this.announceSubscriptions();
    };
    return Object.assign(unsubscribe, { registered: this.announced });
  }

  /** This member's subscriptions, for heartbeats (undefined while it never subscribed). */
  subscriptionState(): SubscriptionState | undefined {
    return this.ownSubscriptions.v === 0 ? undefined : this.ownSubscriptions;
  }

  receiveSubscriptions(memberId: string, state: SubscriptionState): void {
    if (!state || typeof state.v !== 'number' || !Array.isArray(state.maps)) return;
    const known = this.memberSubscriptions.get(memberId);
    if (known && known.v >= state.v) return;
    this.memberSubscriptions.set(memberId, { v: state.v, maps: new Set(state.maps) });
  }

  /** Keeps the registry in step with the member list: forget removed members, tell new ones. */
  membersChanged(added: readonly MemberInfo[]): void {
    const { membership } = this.options;
    // Forget announcements of members no longer in the view (removed ones, and ones heard of after their removal).
    const current = new Set(membership.members.map((m) => m.id));
    for (const id of this.memberSubscriptions.keys()) if (!current.has(id)) this.memberSubscriptions.delete(id);
    if (this.ownSubscriptions.v === 0) return;
    const self = membership.self.id;
    // After this member (re)joined everyone is new to it; otherwise only the added members are.
    const targets = added.some((m) => m.id === self) ? membership.members : added;
    for (const member of targets) if (member.id !== self) void this.sendSubscriptions(member.address);
  }

  /** Members this member knows to listen on the map (itself excluded). */
  subscribersOf(map: string): string[] {
    return [...this.memberSubscriptions].filter(([, s]) => s.maps.has(map)).map(([id]) => id);
  }

  /** Sends an event of the map to the members listening on it (this one included, asynchronously as the others); created only if someone listens. */
  publish(map: string, createEvent: () => WireEntryEvent): void {
    const self = this.options.membership.self.id;
    let event: WireEntryEvent | undefined;
    for (const member of this.options.membership.members) {
      const listens = member.id === self ? this.listeners.has(map) : this.memberSubscriptions.get(member.id)?.maps.has(map);
      if (!listens) continue;
      event ??= createEvent();
      this.options.messenger.notify(member.address, 'map.event', event).catch(() => {
        // Events are best effort towards unreachable members.
      });
    }
  }

  private deliver(event: WireEntryEvent): void {
    for (const listener of this.listeners.get(event.map) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error('entry listener failed', { map: event.map, error: String(error) });
      }
    }
  }

  private announceSubscriptions(): void {
    this.ownSubscriptions = { v: this.ownSubscriptions.v + 1, maps: [...this.listeners.keys()] };
    const self = this.options.membership.self.id;
    const sends = this.options.membership.members.filter((m) => m.id !== self).map((m) => this.sendSubscriptions(m.address));
    this.announced = Promise.all(sends).then(() => undefined);
  }

  private sendSubscriptions(address: string): Promise<void> {
    return this.options.messenger.request(address, 'map.subscriptions', this.ownSubscriptions).then(
      () => undefined,
      () => {
        // Unreachable now: the next heartbeat carries the same state.
      },
    );
  }
}
