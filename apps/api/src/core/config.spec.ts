import { ConfigError, loadConfig } from './config';

const load = (env: Record<string, string>) => loadConfig({ JWT_SECRET: 'x'.repeat(40), GRID_CLUSTER_SECRET: 'grid-secret', ...env }, '/tmp');

describe('loadConfig: TRUST_PROXY', () => {
  it('trusts no proxy unless told, then the listed addresses, ranges and named ranges', () => {
    expect(load({}).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7,fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '192.0.2.7', 'fd00::/8', 'loopback']);
  });

  it.each(['1', 'yes', '10.0.0.0/33', 'fd00::/129', '10.0.0.1/8/8', '10.0.0.1,,10.0.0.2', 'proxy.example'])('refuses %j, naming the setting', (value) => {
    expect(() => load({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => load({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});

describe('loadConfig: HEALTH_DETAILS_TOKEN', () => {
  it('is unset unless given, and refuses a token shorter than 16 characters', () => {
    expect(load({}).healthDetailsToken).toBeUndefined();
    expect(load({ HEALTH_DETAILS_TOKEN: '' }).healthDetailsToken).toBeUndefined();
    expect(load({ HEALTH_DETAILS_TOKEN: 'sixteen-chars-ok' }).healthDetailsToken).toBe('sixteen-chars-ok');
    expect(() => load({ HEALTH_DETAILS_TOKEN: 'fifteen-chars-x' })).toThrow(/HEALTH_DETAILS_TOKEN/);
  });
});
