import { describe, expect, it } from 'vitest';
import { NearCache, fastKeyOf } from './near-cache';

const entry = (version: number, expiresAt = 0) => ({ value: { version }, version, expiresAt, partition: 0 });

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

  it('finds string and number keys by the key itself, and forgets them on invalidation by keyId', () => {
    const cache = new NearCache(10);
    cache.completeRead('id-s', cache.beginRead('id-s'), entry(1), 'k');
    cache.completeRead('id-n', cache.beginRead('id-n'), entry(2), 7);
    expect(cache.peek('k', 0)?.version).toBe(1);
    expect(cache.peek(7, 0)?.version).toBe(2);
    expect(cache.peek('7', 0)).toBeUndefined();
    cache.invalidate('id-s', 3);
    expect(cache.peek('k', 0)).toBeUndefined();
    expect(cache.get('id-s', 0)).toBeUndefined();
    // A newer read result for the same keyId replaces the old slot in both indexes.
    cache.completeRead('id-n', cache.beginRead('id-n'), entry(4), 7);
    expect(cache.peek(7, 0)?.version).toBe(4);
    expect(cache.stats().entries).toBe(1);
    cache.clear();
    expect(cache.peek(7, 0)).toBeUndefined();
  });

  it('expires and evicts fast-indexed entries in both indexes', () => {
    const cache = new NearCache(1);
    cache.completeRead('a', cache.beginRead('a'), entry(1, 100), 'a');
    expect(cache.peek('a', 100)).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
    cache.completeRead('b', cache.beginRead('b'), entry(1), 'b');
    cache.completeRead('c', cache.beginRead('c'), entry(1), 'c');
    expect(cache.peek('b', 0)).toBeUndefined();
    expect(cache.peek('c', 0)).toBeDefined();
  });

  it('uses only strings and numbers other than -0 and NaN as direct keys', () => {
    expect(fastKeyOf('x')).toBe('x');
    expect(fastKeyOf(1.5)).toBe(1.5);
    expect(fastKeyOf(-0)).toBeUndefined();
    expect(fastKeyOf(Number.NaN)).toBeUndefined();
    expect(fastKeyOf({ a: 1 })).toBeUndefined();
    expect(fastKeyOf([1])).toBeUndefined();
  });
});
