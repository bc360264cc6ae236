import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestDeadlines } from './request-deadlines';

/** A pending set like a connection's, with the deadlines wired to it. */
function setUp() {
  const pending = new Set<number>();
  const expired: Array<[id: number, timeoutMs: number]> = [];
  const deadlines = new RequestDeadlines(
    (id) => pending.has(id),
    (id, timeoutMs) => {
      pending.delete(id);
      expired.push([id, timeoutMs]);
    },
  );
  const send = (id: number, timeoutMs: number) => {
    pending.add(id);
    deadlines.add(id, timeoutMs);
  };
  const settle = (id: number, timeoutMs: number) => {
    pending.delete(id);
    deadlines.settled(timeoutMs);
  };
  return { pending, expired, deadlines, send, settle };
}

describe('RequestDeadlines', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expires the requests still pending at their deadline, in the order sent, and no settled one', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { expired, send, settle } = setUp();
    for (let id = 1; id <= 6; id++) send(id, 100);
    settle(1, 100); // the front settles
    settle(4, 100); // one in the middle settles
    vi.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([
      [2, 100],
      [3, 100],
      [5, 100],
      [6, 100],
    ]);
  });

  it('keeps one queue per timeout length, so a long timeout does not hold back a short one', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { expired, send } = setUp();
    send(1, 1000);
    send(2, 50);
    vi.advanceTimersByTime(60);
    expect(expired).toEqual([[2, 50]]);
    vi.advanceTimersByTime(1000);
    expect(expired).toEqual([
      [2, 50],
      [1, 1000],
    ]);
  });

  it('re-arms for later requests after its front settled, and honours each request’s own deadline', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { expired, send, settle } = setUp();
    send(1, 100);
    vi.advanceTimersByTime(40);
    send(2, 100);
    settle(1, 100);
    vi.advanceTimersByTime(60); // request 1's deadline: nothing due
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(39);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([[2, 100]]);
  });

  it('copes with many requests that settle out of order, and forgets them all', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { pending, expired, send, settle } = setUp();
    const count = 5000;
    for (let id = 0; id < count; id++) send(id, 200);
    // Settle all but every 1000th, back to front: nothing can leave the front until the end.
    for (let id = count - 1; id >= 0; id--) if (id % 1000 !== 0) settle(id, 200);
    vi.advanceTimersByTime(200);
    expect(expired.map(([id]) => id)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(pending.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops its timers when cleared', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { expired, deadlines, send } = setUp();
    send(1, 100);
    send(2, 300);
    deadlines.clear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(expired).toEqual([]);
  });
});
