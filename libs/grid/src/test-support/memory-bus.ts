import { ConnectionClosedError, RemoteError } from '../errors';
import type { Handler, MessageBus, Sender } from '../transport';

/** Members of one in-process test network; addresses in `unreachable` can neither send nor receive. */
export class MemoryNetwork {
  readonly buses = new Map<string, MemoryBus>();
  readonly unreachable = new Set<string>();

  bus(self: Sender): MemoryBus {
    const bus = new MemoryBus(this, self);
    this.buses.set(self.address, bus);
    return bus;
  }
}

/**
 * A MessageBus without sockets, so a subsystem can be tested alone. Bodies are cloned the
 * way serialization would, and handlers run asynchronously as they would over TCP.
 */
export class MemoryBus implements MessageBus {
  private readonly handlers = new Map<string, Handler>();

  constructor(
    private readonly network: MemoryNetwork,
    private readonly self: Sender,
  ) {}

  handle(op: string, handler: Handler): void {
    this.handlers.set(op, handler);
  }

  async request(address: string, op: string, body: unknown): Promise<any> {
    const target = this.network.buses.get(address);
    if (!target || this.network.unreachable.has(address) || this.network.unreachable.has(this.self.address)) {
      throw new ConnectionClosedError(`cannot reach ${address}`);
    }
    await Promise.resolve();
    const handler = target.handlers.get(op);
    if (!handler) throw new RemoteError(`no handler for ${op}`);
    return structuredClone(await handler(structuredClone(body), this.self));
  }

  async notify(address: string, op: string, body: unknown): Promise<void> {
    await this.request(address, op, body);
  }

  /** Like Messenger.sendNow: false when the address cannot be reached, else the message is on its way. */
  sendNow(address: string, op: string, body: unknown): boolean {
    if (!this.network.buses.has(address) || this.network.unreachable.has(address) || this.network.unreachable.has(this.self.address)) return false;
    this.notify(address, op, body).catch(() => {});
    return true;
  }
}
