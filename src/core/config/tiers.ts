import { join } from 'node:path';
import type { AppConfig, TierPolicy } from './app-config';
import { TIER_NAMES, type TierName, tiersFileSchema } from './catalogue.schema';
import { readJsonFile } from './config-files';
import { parseRateLimit, type RateLimit } from './env-parsers';
import type { Env } from './env.schema';

/** config/tiers.json; FREE_TIER_LIMIT / PRO_TIER_LIMIT replace the limit of the same window. */
export function buildTiers(env: Env, configDir: string, problems: string[]): AppConfig['tiers'] {
  const file = readJsonFile(join(configDir, 'tiers.json'), tiersFileSchema, problems);
  const overrides: Partial<Record<TierName, RateLimit[]>> = {
    free: env.FREE_TIER_LIMIT,
    pro: env.PRO_TIER_LIMIT,
  };
  const entries = TIER_NAMES.map((name): [TierName, TierPolicy] => {
    const tier = file?.[name] ?? {
      limits: [],
      maxSymbols: null,
      historyDays: null,
      maxSubscriptions: null,
      maxConnections: null,
    };
    const limits = new Map<number, RateLimit>();
    for (const limit of [
      ...tier.limits.flatMap((l) => parseRateLimit(l) ?? []),
      ...(overrides[name] ?? []),
    ]) {
      limits.set(limit.windowSeconds, limit);
    }
    return [
      name,
      {
        name,
        limits: [...limits.values()].sort((a, b) => a.windowSeconds - b.windowSeconds),
        maxSymbols: tier.maxSymbols,
        historyDays: tier.historyDays,
        maxSubscriptions: tier.maxSubscriptions,
        maxConnections: tier.maxConnections,
      },
    ];
  });
  return Object.fromEntries(entries) as AppConfig['tiers'];
}
