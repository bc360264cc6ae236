export { NearCache, fastKeyOf, type CachedEntry, type FastKey, type NearCacheStats } from './near-cache';
