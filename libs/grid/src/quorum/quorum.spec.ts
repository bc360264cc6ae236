import { describe, expect, it } from 'vitest';
import { QuorumError } from '../errors';
import { QuorumGuard } from './quorum';

describe('QuorumGuard', () => {
  it('degrades below the minimum, refuses writes, and recovers with events', () => {
    const guard = new QuorumGuard(2);
    const events: string[] = [];
    guard.on('degraded', (n) => events.push(`degraded:${n}`));
    guard.on('recovered', (n) => events.push(`recovered:${n}`));
    guard.update(3);
    expect(() => guard.checkWrite()).not.toThrow();
    guard.update(1);
    expect(guard.degraded).toBe(true);
    expect(() => guard.checkWrite()).toThrow(QuorumError);
    guard.update(1);
    guard.update(2);
    expect(guard.degraded).toBe(false);
    expect(events).toEqual(['degraded:1', 'recovered:2']);
  });

  it('rejects a nonsensical minimum', () => {
    expect(() => new QuorumGuard(0)).toThrow();
  });
});
