import { type Conversion, convertUsd } from '../currencies/currency-table';
import type { CurrencyQuote } from '../providers/provider.types';
import { NoPriceInCurrencyError } from '../currencies/no-rate.error';
import type { ProviderAttempt } from '../providers/registry/provider-attempt';
import type { PriceDto } from './dto/prices.dto';
import type { ConversionDto, CurrencyQuoteDto, UnavailableCurrencyDto } from './dto/prices-vs.dto';

/** Direct quotes by coin symbol, then by currency; provider null when none answered. */
export interface DirectQuotes {
  quotes: Record<string, Record<string, CurrencyQuote>>;
  provider: string | null;
  attempted: ProviderAttempt[];
}

export interface QuotedInCurrencies {
  data: PriceDto[];
  converted: Record<string, ConversionDto>;
  unavailable: UnavailableCurrencyDto[];
}

/**
 * Each USD price with its `quotes` in every currency asked for: the direct quote when there is
 * one, else the USD price converted at the known rate (change_24h null: a USD change is not the
 * change in another currency). Throws when not one currency other than USD could be served.
 */
export function quoteInCurrencies(params: {
  prices: readonly PriceDto[];
  codes: readonly string[];
  direct: DirectQuotes;
  conversionTo: (code: string) => Conversion | undefined;
}): QuotedInCurrencies {
  const { prices, codes, direct } = params;
  const converted: Record<string, ConversionDto> = {};
  const missing = new Map<string, string[]>();
  const data = prices.map((price) => {
    const quotes: Record<string, CurrencyQuoteDto> = {};
    for (const code of codes) {
      const quote = code === 'usd' ? usdQuote(price) : directQuote(direct, price.symbol, code);
      const conversion = quote ? undefined : params.conversionTo(code);
      if (quote) {
        quotes[code] = quote;
      } else if (conversion) {
        quotes[code] = convertedQuote(price, conversion);
        converted[code] = { ...conversion };
      } else {
        missing.set(code, [...(missing.get(code) ?? []), price.symbol]);
      }
    }
    return { ...price, quotes };
  });
  const unavailable = [...missing].map(([currency, symbols]) => ({
    currency,
    symbols,
    reason: reasonFor(currency, direct),
  }));
  const others = codes.filter((c) => c !== 'usd');
  if (prices.length > 0 && others.every((c) => missing.get(c)?.length === prices.length)) {
    throw new NoPriceInCurrencyError(unavailable.map((u) => u.reason).join('; '), direct.attempted);
  }
  return { data, converted, unavailable };
}

function usdQuote(price: PriceDto): CurrencyQuoteDto {
  return {
    price: price.price,
    market_cap: price.market_cap,
    volume_24h: price.volume_24h,
    change_24h: price.change_24h,
    provider: price.provider,
    converted: false,
  };
}

function directQuote(
  direct: DirectQuotes,
  symbol: string,
  code: string,
): CurrencyQuoteDto | undefined {
  const quote = direct.quotes[symbol]?.[code];
  return quote && direct.provider
    ? {
        price: quote.price,
        market_cap: quote.marketCap,
        volume_24h: quote.volume24h,
        change_24h: quote.change24h,
        provider: direct.provider,
        converted: false,
      }
    : undefined;
}

function convertedQuote(price: PriceDto, conversion: Conversion): CurrencyQuoteDto {
  return {
    price: price.price * conversion.rate,
    market_cap: convertUsd(price.market_cap, conversion),
    volume_24h: convertUsd(price.volume_24h, conversion),
    change_24h: null,
    provider: price.provider,
    converted: true,
  };
}

function reasonFor(currency: string, direct: DirectQuotes): string {
  const asked = direct.attempted.map((a) => `${a.provider}: ${a.outcome}`).join(', ');
  return `no provider quoted ${currency}${asked ? ` (${asked})` : ''} and no ${currency} rate is known`;
}

/** One CSV row per coin and currency. */
export function priceRows(data: readonly PriceDto[]) {
  return data.flatMap((d) =>
    Object.entries(d.quotes ?? { usd: usdQuote(d) }).map(([currency, q]) => ({
      symbol: d.symbol,
      name: d.name,
      currency,
      price: q.price,
      change_24h: q.change_24h,
      volume_24h: q.volume_24h,
      market_cap: q.market_cap,
      converted: String(q.converted),
      provider: q.provider,
      last_updated: d.last_updated,
    })),
  );
}

export const PRICE_CSV_COLUMNS = [
  'symbol',
  'name',
  'currency',
  'price',
  'change_24h',
  'volume_24h',
  'market_cap',
  'converted',
  'provider',
  'last_updated',
] as const;
