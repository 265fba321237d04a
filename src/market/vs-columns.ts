import { BASE_CURRENCY } from '../currencies/currency-table';
import type { PriceDto } from './dto/prices.dto';

const FIELDS = ['price', 'market_cap', 'volume_24h'] as const;

/** CSV columns for the currencies `vs` names; USD's figures are the row's own columns already. */
export function currencyColumns(vs: readonly string[] | undefined): string[] {
  const codes = [...new Set(vs ?? [])].filter((code) => code !== BASE_CURRENCY);
  return codes.flatMap((code) => FIELDS.map((field) => `${field}_${code}`));
}

/** A row with its `quotes` spread into `price_eur`, `market_cap_eur`, `volume_24h_eur`, … */
export function withCurrencyColumns(row: PriceDto): Record<string, unknown> {
  const { quotes, ...rest } = row;
  const flat: Record<string, unknown> = { ...rest };
  for (const [code, quote] of Object.entries(quotes ?? {})) {
    for (const field of FIELDS) {
      flat[`${field}_${code}`] = quote[field];
    }
  }
  return flat;
}
