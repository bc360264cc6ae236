import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureLogger } from '../test-support/wait';
import { PendingHandshakes } from './pending-handshakes';
import { RejectionLog } from './rejection-log';

afterEach(() => {
  vi.useRealTimers();
});

describe('rejection log', () => {
  it('logs the first rejections of a window one by one, and the rest as one line per message when it ends', () => {
    vi.useFakeTimers();
    const { logger, lines } = captureLogger();
    const log = new RejectionLog(logger, { burst: 3, windowMs: 1000 });
    for (let i = 0; i < 1000; i++) log.warn(i % 2 ? 'refused connection' : 'rejected connection', { i });
    expect(lines.map((l) => l.context)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    vi.advanceTimersByTime(1000);
    expect(lines.slice(3)).toEqual([
      { level: 'warn', message: 'refused connection', context: { notLoggedOneByOne: 499, windowMs: 1000 } },
      { level: 'warn', message: 'rejected connection', context: { notLoggedOneByOne: 498, windowMs: 1000 } },
    ]);
    // A new window starts with a new burst.
    log.warn('rejected connection', { i: 1000 });
    expect(lines).toHaveLength(6);
  });
});

describe('pending handshakes', () => {
  it('admits up to the limits per address and in all, and frees a slot once per release', () => {
    const pending = new PendingHandshakes({ total: 3, perAddress: 2 });
    const first = pending.admit('10.0.0.1');
    expect(pending.admit('10.0.0.1')).toBeDefined();
    expect(pending.admit('10.0.0.1')).toBeUndefined();
    expect(pending.admit('10.0.0.2')).toBeDefined();
    expect(pending.admit('10.0.0.3')).toBeUndefined();
    first?.release();
    first?.release();
    expect(pending.count()).toBe(2);
    expect(pending.count('10.0.0.1')).toBe(1);
    expect(pending.admit('10.0.0.3')).toBeDefined();
    expect(pending.admit('10.0.0.1')).toBeUndefined();
  });
});
