import { randomBytes } from 'node:crypto';
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

describe('loadConfig: JWT_SECRET in production', () => {
  const production = (secret: string | undefined) =>
    loadConfig({ NODE_ENV: 'production', GRID_CLUSTER_SECRET: 'grid-secret-of-sixteen', ...(secret !== undefined && { JWT_SECRET: secret }) }, '/tmp');

  it('takes 32 or more random bytes in hex or base64', () => {
    for (const bytes of [32, 48]) {
      const random = randomBytes(bytes);
      for (const written of [random.toString('hex'), random.toString('base64'), random.toString('base64url')]) {
        expect(production(written).jwtSecret).toBe(written);
      }
    }
  });

  it.each([
    ['missing', undefined],
    ['a word', 'secret'],
    ['a phrase', 'correct horse battery staple is my secret'],
    ['words run together', 'glucodiaryproductionjwtsecretkeyglucodiary2024'],
    ['one letter repeated', 'x'.repeat(64)],
    ['a short random value', randomBytes(31).toString('base64')],
    ['a repeated pattern in hex', 'deadbeef'.repeat(16)],
  ])('refuses %s, naming the setting', (_what, secret) => {
    expect(() => production(secret)).toThrow(ConfigError);
    expect(() => production(secret)).toThrow(/JWT_SECRET/);
  });
});
