/** Member addresses are "host:port" strings; IPv6 hosts are bracketed: "[::1]:5701". */
export interface HostPort {
  host: string;
  port: number;
}

export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function parseAddress(address: string): HostPort {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(address);
  if (!match) throw new Error(`invalid member address "${address}", expected host:port`);
  const port = Number(match[3]);
  if (port < 1 || port > 65535) throw new Error(`invalid port in "${address}"`);
  return { host: match[1] ?? match[2]!, port };
}
