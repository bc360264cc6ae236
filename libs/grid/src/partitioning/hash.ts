import { encodeValue } from '../codec';

/** MurmurHash3 x86 32-bit: fast, well distributed and identical on every platform. */
export function murmur3(bytes: Uint8Array, seed = 0): number {
  let h = seed >>> 0;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const blocks = bytes.length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  // The 1–3 trailing bytes, little-endian, as the reference implementation's tail.
  const tail = bytes.length & 3;
  if (tail > 0) {
    let k = 0;
    for (let i = tail - 1; i >= 0; i--) k = (k << 8) | bytes[blocks + i]!;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A key's identity is its MessagePack encoding, so equal keys hash equally on every
 * member. Object keys are encoded in property order: { a, b } and { b, a } differ.
 */
export function keyBytes(key: unknown): Buffer {
  return encodeValue(key);
}

export function partitionOfBytes(bytes: Uint8Array, partitionCount: number): number {
  return murmur3(bytes) % partitionCount;
}

export function partitionOf(key: unknown, partitionCount: number): number {
  return partitionOfBytes(keyBytes(key), partitionCount);
}
