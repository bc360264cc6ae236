import { describe, expect, it } from 'vitest';
import { DEFAULTS, resolveConfig } from './config';
import { MAX_TIMER_MS } from './timers';
import { captureLogger } from './test-support/wait';

const secret = 'a-cluster-secret-of-enough-length';
const resolve = (overrides: object) => resolveConfig({ clusterSecret: secret, ...overrides }, captureLogger().logger);

describe('resolveConfig', () => {
  it('fills in the defaults', () => {
    const config = resolve({ requestTimeoutMs: 2500 });
    expect(config.requestTimeoutMs).toBe(2500);
    expect(config.heartbeatIntervalMs).toBe(DEFAULTS.heartbeatIntervalMs);
  });

  it('refuses durations a timer cannot keep: not above 0, not finite or beyond what Node timers take', () => {
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, MAX_TIMER_MS + 1, '1000']) {
      expect(() => resolve({ requestTimeoutMs: bad })).toThrow(/requestTimeoutMs must be a number of milliseconds/);
      expect(() => resolve({ leaveTimeoutMs: bad })).toThrow(/leaveTimeoutMs must be/);
    }
    expect(resolve({ operationTimeoutMs: MAX_TIMER_MS }).operationTimeoutMs).toBe(MAX_TIMER_MS);
  });

  it('refuses a short secret, a heartbeat timeout under two intervals and durable writes without backups', () => {
    expect(() => resolveConfig({ clusterSecret: 'short' }, captureLogger().logger)).toThrow(/clusterSecret/);
    expect(() => resolve({ heartbeatIntervalMs: 1000, heartbeatTimeoutMs: 1999 })).toThrow(/heartbeatTimeoutMs must be at least twice/);
    expect(() => resolve({ minClusterSize: 2, backupCount: 0 })).toThrow(/durableWrites needs backupCount/);
    expect(resolve({ minClusterSize: 2, backupCount: 0, durableWrites: false }).durableWrites).toBe(false);
  });
});
