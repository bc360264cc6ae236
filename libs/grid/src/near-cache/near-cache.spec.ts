import { describe, expect, it } from 'vitest';
import { NearCache } from './near-cache';

const entry = (version: number, expiresAt = 0) => ({ value: Buffer.from([version]), version, expiresAt });

describe('NearCache', () => {
  it('serves a completed read until it is invalidated', () => {
    const cache = new NearCache(10);
    cache.completeRead('k', cache.beginRead('k'), entry(1));
    expect(cache.get('k', 0)?.version).toBe(1);
    cache.invalidate('k', 2);
    expect(cache.get('k', 0)).toBeUndefined();
  });

  it('drops a read response that raced with an invalidation', () => {
    const cache = new NearCache(10);
    const token = cache.beginRead('k');
    cache.invalidate('k', 2);
    cache.completeRead('k', token, entry(1));
    expect(cache.get('k', 0)).toBeUndefined();
  });

  it('drops a stale response when a newer read started after the invalidation', () => {
    const cache = new NearCache(10);
    const stale = cache.beginRead('k');
    cache.invalidate('k', 5);
    const fresh = cache.beginRead('k');
    cache.completeRead('k', stale, entry(4));
    expect(cache.get('k', 0)).toBeUndefined();
    cache.completeRead('k', fresh, entry(5));
    expect(cache.get('k', 0)?.version).toBe(5);
  });

  it('expires entries by their TTL and evicts the least recently used beyond capacity', () => {
    const cache = new NearCache(2);
    cache.completeRead('a', cache.beginRead('a'), entry(1, 100));
    expect(cache.get('a', 99)).toBeDefined();
    expect(cache.get('a', 100)).toBeUndefined();
    cache.completeRead('b', cache.beginRead('b'), entry(1));
    cache.completeRead('c', cache.beginRead('c'), entry(1));
    cache.get('b', 0);
    cache.completeRead('d', cache.beginRead('d'), entry(1));
    expect(cache.get('c', 0)).toBeUndefined();
    expect(cache.get('b', 0)).toBeDefined();
    expect(cache.stats().entries).toBe(2);
  });
});
