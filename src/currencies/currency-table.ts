import type { CurrencyKind, FxRate } from '../providers/provider.types';

/** The base every rate is against and every provider quotes natively. */
export const BASE_CURRENCY = 'usd';
/** A rate not refreshed for this long is stale even when no refresh has failed (a long outage). */
export const RATE_MAX_AGE_MS = 2 * 86_400_000;

export interface StoredRate {
  /** Units of the currency per US dollar. */
  perUsd: number;
  /** The provider that published it. */
  source: string;
  /** The day or time the source says the rate is for. */
  asOf: string;
  /** When it was fetched. */
  fetchedAt: Date;
}

/** One currency `vs` accepts. */
export interface CurrencyEntry {
  code: string;
  kind: CurrencyKind | null;
  name: string | null;
  /** The provider quoting prices in it directly, if one does. */
  quotedBy: string | null;
  rate: StoredRate | null;
}

/** What a refresh brought: each FX provider's rates in priority order, and the direct list. */
export interface RefreshResult {
  rates: { provider: string; rates: FxRate[] }[];
  listed: { provider: string; codes: string[] } | null;
  at: Date;
}

/** How a USD value became a value in another currency. */
export interface Conversion {
  from: typeof BASE_CURRENCY;
  rate: number;
  source: string;
  asOf: string;
  /** The rate could not be refreshed on its last try, or is older than two days. */
  stale: boolean;
}

/**
 * The table after a refresh: each rate from the first provider (in priority order) that gave it
 * now, else the stored one; the direct list replaced when it arrived, else kept; a currency
 * left with neither is dropped.
 */
export function mergeCurrencies(
  previous: readonly CurrencyEntry[],
  result: RefreshResult,
): CurrencyEntry[] {
  const table = new Map(previous.map((e) => [e.code, { ...e }]));
  const entry = (code: string) => {
    const found = table.get(code) ?? { code, kind: null, name: null, quotedBy: null, rate: null };
    table.set(code, found);
    return found;
  };
  const fresh = new Set<string>();
  for (const { provider, rates } of result.rates) {
    for (const rate of rates) {
      const e = entry(rate.code);
      e.kind = e.kind ?? rate.kind;
      e.name = rate.name ?? e.name;
      if (!fresh.has(rate.code)) {
        fresh.add(rate.code);
        e.rate = { perUsd: rate.perUsd, source: provider, asOf: rate.asOf, fetchedAt: result.at };
      }
    }
  }
  if (result.listed) {
    const listed = new Set(result.listed.codes);
    table.forEach(
      (e) => (e.quotedBy = listed.has(e.code) ? (result.listed?.provider ?? null) : null),
    );
    listed.forEach((code) => (entry(code).quotedBy = result.listed?.provider ?? null));
  }
  const base = entry(BASE_CURRENCY);
  base.kind = 'fiat';
  base.rate = null;
  // A currency nobody quotes and nobody rates any more cannot be served: `vs` stops taking it.
  return [...table.values()]
    .filter((e) => e.code === BASE_CURRENCY || e.quotedBy !== null || e.rate !== null)
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** How a USD value converts to the entry's currency, or undefined when no rate is known. */
export function conversionOf(
  entry: CurrencyEntry,
  failedSources: ReadonlySet<string>,
  now = new Date(),
): Conversion | undefined {
  const { rate } = entry;
  if (!rate) {
    return undefined;
  }
  const old = now.getTime() - rate.fetchedAt.getTime() > RATE_MAX_AGE_MS;
  return {
    from: BASE_CURRENCY,
    rate: rate.perUsd,
    source: rate.source,
    asOf: rate.asOf,
    stale: old || failedSources.has(rate.source),
  };
}

/** A USD amount in the conversion's currency; null stays null. */
export function convertUsd(value: number | null, conversion: Conversion): number | null {
  return value === null ? null : value * conversion.rate;
}
