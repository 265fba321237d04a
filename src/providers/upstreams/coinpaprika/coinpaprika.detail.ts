import { ProviderError } from '../../../core/http';
import type { CoinIdMap } from '../../coin-ids/coin-id-map';
import type { CoinCurrencyFigures, CoinDetail } from '../../provider.types';
import type { PaprikaDetailQuote, PaprikaTickerDetail } from './coinpaprika.schemas';

/** The free plan allows 3 quotes per call: the dollar, the euro and bitcoin, in one call. */
export const DETAIL_QUOTES = 'USD,EUR,BTC';

/** Search hits asked for: the coin among those whose names contain its name ("Bitcoin Cash", …). */
export const SEARCH_LIMIT = '25';

/**
 * The CoinPaprika coin among search hits that maps back to the CoinGecko id on ticker AND name,
 * when exactly one active coin does; otherwise the coin is not served here (never guessed).
 */
export function pickPaprikaId(
  id: string,
  hits: readonly { id: string; name: string; symbol: string; is_active: boolean }[],
  map: CoinIdMap,
): string {
  const matches = hits.filter((hit) => hit.is_active && map.lookup(hit)?.id === id);
  if (matches.length !== 1) {
    throw notMapped(
      id,
      matches.length === 0
        ? 'no active CoinPaprika coin with its ticker and name'
        : `ambiguous: ${matches.map((m) => m.id).join(', ')}`,
    );
  }
  return matches[0].id;
}

/** A coin this source cannot name: "not found here", which is no fault of the upstream. */
export function notMapped(id: string, why: string): ProviderError {
  return new ProviderError({
    provider: 'coinpaprika',
    kind: 'not_found',
    message: `CoinGecko id "${id}" not mapped to a CoinPaprika coin: ${why}`,
  });
}

/**
 * The record from one ticker: figures per quoted currency, total and max supply. CoinPaprika has
 * no 24 h high/low, FDV, ATL, categories, links, contracts or genesis date: those stay null.
 */
export function toCoinDetail(id: string, body: PaprikaTickerDetail): CoinDetail {
  const currencies = Object.entries(body.quotes).map(([code, q]): [string, CoinCurrencyFigures] => [
    code.toLowerCase(),
    figures(q),
  ]);
  return {
    id,
    symbol: body.symbol.toUpperCase(),
    name: body.name,
    marketCapRank: body.rank > 0 ? body.rank : null,
    currencies: Object.fromEntries(currencies),
    supply: {
      circulating: body.circulating_supply ?? null,
      total: body.total_supply ?? null,
      // 0 is CoinPaprika's "uncapped", not a cap of zero.
      max: body.max_supply || null,
    },
    categories: null,
    links: null,
    platforms: null,
    genesisDate: null,
    lastUpdated: body.last_updated,
  };
}

function figures(q: PaprikaDetailQuote): CoinCurrencyFigures {
  return {
    price: q.price,
    marketCap: q.market_cap ?? null,
    fullyDilutedValuation: null,
    volume24h: q.volume_24h ?? null,
    high24h: null,
    low24h: null,
    change1h: q.percent_change_1h ?? null,
    change24h: q.percent_change_24h ?? null,
    change7d: q.percent_change_7d ?? null,
    change30d: q.percent_change_30d ?? null,
    ath: q.ath_price ?? null,
    athChangePct: q.percent_from_price_ath ?? null,
    athDate: q.ath_date || null,
    atl: null,
    atlChangePct: null,
    atlDate: null,
  };
}
