export { CacheModule } from './cache.module';
export { type CacheResult, CacheService, type LoadOptions } from './cache.service';
