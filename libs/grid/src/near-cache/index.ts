export { NearCache, type CachedEntry, type NearCacheStats } from './near-cache';
