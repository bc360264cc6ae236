import { describe, expect, it } from 'vitest';
import { encodeValue } from '../codec';
import { RecordStore, fromWire, isExpired, keyIdOf, toWire, type Entry } from './record-store';

const entry = (key: string, version: number, expiresAt = 0): Entry => ({
  key: encodeValue(key),
  value: encodeValue(`value of ${key}`),
  version,
  expiresAt,
  updatedAt: 1000,
});

describe('RecordStore', () => {
  it('issues rising versions per partition, also after seeing versions from elsewhere', () => {
    const store = new RecordStore(4);
    expect(store.nextVersion(0)).toBe(1);
    store.observeVersion(0, 10);
    expect(store.nextVersion(0)).toBe(11);
    store.put(0, 'm', 'k', entry('k', 20));
    expect(store.nextVersion(0)).toBe(21);
    expect(store.nextVersion(1)).toBe(1);
  });

  it('ships TTLs as remaining time, so clocks need not agree', () => {
    const now = 50_000;
    const wire = toWire(entry('k', 1, now + 300), now);
    expect(wire.ttl).toBe(300);
    const received = fromWire(wire, 1_000_000);
    expect(received.expiresAt).toBe(1_000_300);
    expect(isExpired(received, 1_000_299)).toBe(false);
    expect(isExpired(received, 1_000_300)).toBe(true);
    expect(toWire(entry('k', 1), now).ttl).toBe(0);
  });

  it('snapshots live entries of a partition and installs them elsewhere, replacing what was there', () => {
    const source = new RecordStore(2);
    const k1 = keyIdOf(encodeValue('k1'));
    source.put(1, 'm', k1, entry('k1', 3));
    source.put(1, 'm', 'gone', entry('gone', 4, 1));
    source.put(1, 'other', k1, entry('k1', 5));
    const snapshot = source.snapshot(1);
    expect(snapshot.counter).toBe(5);
    expect(snapshot.maps.map((m) => [m.name, m.entries.length])).toEqual([
      ['m', 1],
      ['other', 1],
    ]);
    const target = new RecordStore(2);
    target.put(1, 'm', 'stale', entry('stale', 1));
    target.install(1, snapshot);
    expect(target.get(1, 'm', 'stale')).toBeUndefined();
    expect(target.get(1, 'm', k1)?.version).toBe(3);
    expect(target.nextVersion(1)).toBe(6);
    target.drop(1);
    expect(target.countLive(1, 'm', Date.now())).toBe(0);
    expect(target.nextVersion(1)).toBe(7);
  });
});
