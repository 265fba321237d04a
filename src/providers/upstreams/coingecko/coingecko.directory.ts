import { z } from 'zod';
import type { CoinCurrencyFigures, CoinDetail, DirectoryCoin } from '../../provider.types';
import { finite, nullableNumber } from '../payload-fields';

/**
 * CoinGecko's directory payloads: `/coins/list?include_platform=true` (a bare array of every
 * coin) and `/coins/{id}` with localization, tickers, community and developer data off.
 */

export const COIN_DETAIL_QUERY = {
  localization: false,
  tickers: false,
  community_data: false,
  developer_data: false,
} as const;

/** Native coins map "" to "" (detail) and addresses can be "": neither is a contract. */
const platformsSchema = z
  .record(z.string(), z.string().nullable())
  .nullish()
  .transform((platforms) =>
    Object.fromEntries(
      Object.entries(platforms ?? {}).filter(
        (entry): entry is [string, string] => entry[0] !== '' && !!entry[1],
      ),
    ),
  );

export const coinListSchema = z.array(
  z.object({
    id: z.string().min(1),
    symbol: z.string(),
    name: z.string(),
    platforms: platformsSchema,
  }),
);

export function toDirectoryCoins(rows: z.output<typeof coinListSchema>): DirectoryCoin[] {
  return rows.map((r) => ({
    id: r.id,
    symbol: r.symbol.toUpperCase(),
    name: r.name,
    platforms: r.platforms,
  }));
}

const numberMap = z.record(z.string(), nullableNumber).nullish();
const dateMap = z.record(z.string(), z.string().nullable()).nullish();
/** Link lists are padded with "" entries. */
const links = z
  .array(z.string().nullable())
  .nullish()
  .transform((list) => (list ?? []).filter((s): s is string => !!s));
const text = z
  .string()
  .nullish()
  .transform((s) => s || null);

export const coinDetailSchema = z.object({
  id: z.string().min(1),
  symbol: z.string(),
  name: z.string(),
  market_cap_rank: nullableNumber.optional(),
  categories: z
    .array(z.string().nullable())
    .nullish()
    .transform((list) => (list ?? []).filter((s): s is string => !!s)),
  platforms: platformsSchema,
  genesis_date: text,
  last_updated: text,
  links: z
    .object({
      homepage: links,
      whitepaper: text,
      blockchain_site: links,
      official_forum_url: links,
      chat_url: links,
      twitter_screen_name: text,
      subreddit_url: text,
      repos_url: z.object({ github: links }).nullish(),
    })
    .nullish(),
  market_data: z.object({
    current_price: z.record(z.string(), finite),
    market_cap: numberMap,
    fully_diluted_valuation: numberMap,
    total_volume: numberMap,
    high_24h: numberMap,
    low_24h: numberMap,
    // No scalar 1h change exists: only the per-currency map.
    price_change_percentage_1h_in_currency: numberMap,
    price_change_percentage_24h_in_currency: numberMap,
    price_change_percentage_7d_in_currency: numberMap,
    price_change_percentage_30d_in_currency: numberMap,
    ath: numberMap,
    ath_change_percentage: numberMap,
    ath_date: dateMap,
    atl: numberMap,
    atl_change_percentage: numberMap,
    atl_date: dateMap,
    circulating_supply: nullableNumber.optional(),
    total_supply: nullableNumber.optional(),
    max_supply: nullableNumber.optional(),
  }),
});

type DetailPayload = z.output<typeof coinDetailSchema>;

export function toCoinDetail(body: DetailPayload): CoinDetail {
  const md = body.market_data;
  const currencies = Object.keys(md.current_price).map((code) => [code, figures(md, code)]);
  const l = body.links;
  return {
    id: body.id,
    symbol: body.symbol.toUpperCase(),
    name: body.name,
    marketCapRank: body.market_cap_rank ?? null,
    currencies: Object.fromEntries(currencies) as Record<string, CoinCurrencyFigures>,
    supply: {
      circulating: md.circulating_supply ?? null,
      total: md.total_supply ?? null,
      max: md.max_supply ?? null,
    },
    categories: body.categories,
    links: {
      homepage: l?.homepage ?? [],
      whitepaper: l?.whitepaper ?? null,
      explorers: l?.blockchain_site ?? [],
      forums: l?.official_forum_url ?? [],
      chat: l?.chat_url ?? [],
      twitter: l?.twitter_screen_name ?? null,
      subreddit: l?.subreddit_url ?? null,
      github: l?.repos_url?.github ?? [],
    },
    platforms: body.platforms,
    genesisDate: body.genesis_date,
    lastUpdated: body.last_updated,
  };
}

function figures(md: DetailPayload['market_data'], code: string): CoinCurrencyFigures {
  const at = <V>(map: Record<string, V> | null | undefined): V | null => map?.[code] ?? null;
  return {
    price: md.current_price[code] ?? null,
    marketCap: at(md.market_cap),
    fullyDilutedValuation: at(md.fully_diluted_valuation),
    volume24h: at(md.total_volume),
    high24h: at(md.high_24h),
    low24h: at(md.low_24h),
    change1h: at(md.price_change_percentage_1h_in_currency),
    change24h: at(md.price_change_percentage_24h_in_currency),
    change7d: at(md.price_change_percentage_7d_in_currency),
    change30d: at(md.price_change_percentage_30d_in_currency),
    ath: at(md.ath),
    athChangePct: at(md.ath_change_percentage),
    athDate: at(md.ath_date),
    atl: at(md.atl),
    atlChangePct: at(md.atl_change_percentage),
    atlDate: at(md.atl_date),
  };
}
