/**
 * Limits on inbound handshakes in progress. A peer that opens connections and never
 * authenticates holds each one until `handshakeTimeoutMs`; without a limit it could hold
 * thousands, each with its buffers and timers. Members hold a slot for a round trip only.
 */
export const DEFAULT_MAX_PENDING_HANDSHAKES = 64;
export const DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS = 8;

export interface PendingHandshakeLimits {
  /** In all. */
  total: number;
  /** From one remote IP address: one peer cannot take every slot (unless it has many addresses). */
  perAddress: number;
}

export class PendingHandshakes {
  private readonly byAddress = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: PendingHandshakeLimits) {}

  /** Takes a slot for a handshake from `address`; undefined when a limit is reached. Call `release` once it ends. */
  admit(address: string): { release(): void } | undefined {
    const fromAddress = this.byAddress.get(address) ?? 0;
    if (this.total >= this.limits.total || fromAddress >= this.limits.perAddress) return undefined;
    this.total++;
    this.byAddress.set(address, fromAddress + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const left = (this.byAddress.get(address) ?? 1) - 1;
        if (left === 0) this.byAddress.delete(address);
        else this.byAddress.set(address, left);
      },
    };
  }

  /** Handshakes in progress, in all and from `address`. */
  count(address?: string): number {
    return address === undefined ? this.total : (this.byAddress.get(address) ?? 0);
  }
}
