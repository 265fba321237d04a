import { z } from 'zod';
import type { KnownCoin } from '../../../core/config';
import { ProviderError } from '../../../core/http';
import type { CurrencyQuote, FxRate, MultiCurrencyQuote } from '../../provider.types';
import { filledList, finite, fromSeconds, nullableNumber } from '../payload-fields';

/** CoinGecko's currency endpoints: the vs-currency list, BTC-based exchange rates, vs quotes. */

const CODE = /^[a-z]{2,10}$/;

export const supportedVsSchema = filledList(z.string().regex(CODE, 'expected a currency code'));

export const exchangeRatesSchema = z.object({
  rates: z.record(
    z.string().regex(CODE, 'expected a currency code'),
    z.object({
      name: z.string(),
      unit: z.string(),
      value: finite.refine((n) => n > 0, 'expected a positive rate'),
      type: z.enum(['crypto', 'fiat', 'commodity']),
    }),
  ),
});

/** `/simple/price` with several `vs_currencies`: `<code>`, `<code>_market_cap`, … per coin. */
export const multiPriceSchema = z.record(
  z.string(),
  z.record(z.string(), nullableNumber.optional()),
);

/**
 * `/exchange_rates` gives units per one bitcoin; per US dollar is value / the dollar's value.
 * CoinGecko gives no time for them, so they are stamped with the time received.
 */
export function usdRatesFrom(body: z.output<typeof exchangeRatesSchema>, received: Date): FxRate[] {
  const usd = body.rates.usd;
  if (!usd) {
    throw new ProviderError({
      provider: 'coingecko',
      kind: 'bad_payload',
      message: '/exchange_rates: no usd rate',
    });
  }
  return Object.entries(body.rates)
    .filter(([code]) => code !== 'usd')
    .map(([code, rate]) => ({
      code,
      perUsd: rate.value / usd.value,
      kind: rate.type,
      name: rate.name,
      asOf: received.toISOString(),
    }));
}

/** Each coin's quotes in the currencies asked for; a currency the answer lacks is left out. */
export function quotesFrom(
  body: z.output<typeof multiPriceSchema>,
  coins: readonly KnownCoin[],
  currencies: readonly string[],
): MultiCurrencyQuote[] {
  return coins.flatMap((coin) => {
    const row = body[coin.coingeckoId];
    if (!row) {
      return [];
    }
    const quotes: Record<string, CurrencyQuote> = {};
    for (const code of currencies) {
      const price = row[code];
      if (typeof price === 'number') {
        quotes[code] = {
          price,
          marketCap: row[`${code}_market_cap`] ?? null,
          volume24h: row[`${code}_24h_vol`] ?? null,
          change24h: row[`${code}_24h_change`] ?? null,
        };
      }
    }
    const updated = row.last_updated_at;
    return [
      {
        symbol: coin.symbol,
        quotes,
        lastUpdated: typeof updated === 'number' ? fromSeconds(updated) : new Date(),
        timeUnknown: typeof updated !== 'number',
      },
    ];
  });
}
