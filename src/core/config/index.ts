export type { AppConfig, DatabaseConfig, RuntimeEnvironment, TierPolicy } from './app-config';
export type { NewsFeed } from '../../providers/upstreams/rss/rss.config';
export { ConfigError } from './config.error';
export { APP_CONFIG, AppConfigModule, InjectConfig } from './config.module';
export type { RateLimit } from './env-parsers';
export { loadEnvFile } from './env-file';
export { loadConfig, SQLITE_FILE_NAME } from './load-config';
export {
  type DiscoveryCandidate,
  type QuoteSpec,
  discoveryCatalogueSchema,
  type KnownCoin,
  PROVIDER_CATEGORIES,
  type ProviderCategory,
  type ProviderDefinition,
  TIER_NAMES,
  type TierName,
} from './catalogue.schema';
