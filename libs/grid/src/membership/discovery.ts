import { lookup } from 'node:dns/promises';
import { formatAddress } from '../transport/address';

export interface DiscoveryConfig {
  /** Seed addresses, "host:port": a list, or a function asked at every join and merge probe. */
  seeds?: string[] | (() => string[] | Promise<string[]>);
  /** A DNS name whose A/AAAA records are members; `port` defaults to the member's own port. */
  dns?: { name: string; port?: number };
}

export type LookupAll = (name: string) => Promise<Array<{ address: string }>>;

const lookupAll: LookupAll = (name) => lookup(name, { all: true });

/** Candidate addresses of other members: the static seeds plus whatever the DNS name resolves to. */
export async function discoverSeeds(config: DiscoveryConfig, defaultPort: number, resolve: LookupAll = lookupAll): Promise<string[]> {
  const seeds = typeof config.seeds === 'function' ? await config.seeds() : config.seeds;
  const addresses = new Set(seeds ?? []);
  if (config.dns) {
    try {
      for (const record of await resolve(config.dns.name)) addresses.add(formatAddress(record.address, config.dns.port ?? defaultPort));
    } catch {
      // An unresolvable name contributes no seeds; the static list (if any) still applies.
    }
  }
  return [...addresses];
}
