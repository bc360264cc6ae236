import { clientKey } from './client-address';

describe('clientKey', () => {
  it('counts an IPv4 client by its address, however it is written', () => {
    expect(clientKey('192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('::ffff:c000:207')).toBe('192.0.2.7');
    expect(clientKey('0:0:0:0:0:ffff:c000:207')).toBe('192.0.2.7');
    expect(clientKey('192.0.2.7:52000')).toBe('192.0.2.7');
  });

  it('counts an IPv6 client by its /64, so a subscriber cannot rotate through its own addresses', () => {
    const key = clientKey('2001:db8:aa:1::1');
    expect(key).toBe('2001:db8:aa:1::/64');
    for (const sameNetwork of ['2001:db8:aa:1:ffff:1:2:3', '2001:0db8:00aa:0001::abcd', '2001:db8:aa:1::1%eth0']) {
      expect(clientKey(sameNetwork)).toBe(key);
    }
    expect(clientKey('[2001:db8:aa:1::9]:52000')).toBe(key);
    expect(clientKey('2001:db8:aa:2::1')).not.toBe(key);
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::192.0.2.7')).toBe('fe80:0:0:0::/64');
  });

  it('leaves anything else as it came (the framework gives a string it could not parse)', () => {
    expect(clientKey('unknown')).toBe('unknown');
  });
});
