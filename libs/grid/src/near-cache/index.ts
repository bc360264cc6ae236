export { NearCache, fastKeyOf, type CachedEntry, type FastKey, type NearCacheStats } from './near-cache';
export { NearCacheCoordinator, type NearCacheConfig, type NearCacheCoordinatorOptions } from './coordinator';
