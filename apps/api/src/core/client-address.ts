import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/**
 * The key rate limits count a client by. An IPv4 address as is (also when written IPv4-mapped,
 * "::ffff:192.0.2.1"); an IPv6 address by its /64 network, because one subscriber usually gets a
 * whole /64 and could otherwise take a fresh address for every attempt.
 */
export function clientKey(ip: string): string {
  // A proxy may append the client's port ("192.0.2.7:52000", "[2001:db8::1]:52000"): one key per client, not per connection.
  const address = (/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(ip)?.[1] ?? /^\[([^\]]+)\](?::\d+)?$/.exec(ip)?.[1] ?? ip).split('%')[0]!;
  // Node's check first: ipaddr.js would also take the shorthand IPv4 forms ("127.1") no socket reports.
  if (isIP(address) === 0) return address;
  const parsed = ipaddr.process(address); // IPv4-mapped IPv6 becomes the IPv4 address
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}
