import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key rate limits count a client by. An IPv4 address as is (also when written IPv4-mapped,
 * "::ffff:192.0.2.1"); an IPv6 address by its /64 network, because one subscriber usually gets a
 * whole /64 and could otherwise take a fresh address for every attempt.
 */
export function clientKey(ip: string): string {
  // A proxy may append the client's port ("192.0.2.7:52000", "[2001:db8::1]:52000"): one key per client, not per connection.
  const address = (/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(ip)?.[1] ?? /^\[([^\]]+)\](?::\d+)?$/.exec(ip)?.[1] ?? ip).split('%')[0]!;
  if (isIPv4(address) || !isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  // IPv4-mapped (::ffff:192.0.2.7, also written in hex): the IPv4 client.
  if (groups.slice(0, 5).every((group) => group === '0') && groups[5] === 'ffff') {
    return [groups[6]!, groups[7]!].flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 255]).join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, in lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  const groupsOf = (part: string) =>
    part === '' ? [] : part.split(':').flatMap((group) => (group.includes('.') ? ipv4AsGroups(group) : [group]));
  const [head = '', tail] = address.split('::');
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const groups = tail === undefined ? front : [...front, ...new Array<string>(8 - front.length - back.length).fill('0'), ...back];
  return groups.map((group) => parseInt(group, 16).toString(16));
}

function ipv4AsGroups(dotted: string): string[] {
  const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
