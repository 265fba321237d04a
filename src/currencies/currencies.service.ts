import {
  BadRequestException,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  AllProvidersFailedError,
  type ProviderAttempt,
} from '../providers/registry/provider-attempt';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import {
  BASE_CURRENCY,
  type Conversion,
  conversionOf,
  type CurrencyEntry,
  mergeCurrencies,
  type RefreshResult,
} from './currency-table';
import { CurrencyStore } from './currency.store';

const MAX_AGE_MS = 24 * 3_600_000;
/** While nothing is known, a request may trigger a refresh at most this often. */
const ON_DEMAND_RETRY_MS = 60_000;

/** The state of the table as served: its entries and how its last refresh went. */
export interface CurrencyTable {
  entries: readonly CurrencyEntry[];
  /** When the table was last refreshed (fully or in part); null when never. */
  updatedAt: Date | null;
  /** Each provider tried by the last refresh attempt. */
  attempted: ProviderAttempt[];
  /** Some of the table could not be refreshed on the last try. */
  stale: boolean;
}

/**
 * The currencies `vs` accepts and their rates per US dollar: FX rates from every `fx` provider
 * (ECB rates from Frankfurter first, CoinGecko's for crypto units and the rest) and the list of
 * currencies a `quotes` provider quotes directly. Stored, refreshed daily (and at start when
 * missing or old), served stale when a refresh fails.
 */
@Injectable()
export class CurrenciesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CurrenciesService.name);
  private entries = new Map<string, CurrencyEntry>();
  private updatedAt: Date | null = null;
  private attempted: ProviderAttempt[] = [];
  private failedSources = new Set<string>();
  private listFailed = false;
  private lastTry = 0;
  private pending?: Promise<number>;

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly store: CurrencyStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reloadStored();
  }

  /** True when nothing is stored or the stored table is more than a day old. */
  isStale(now = new Date()): boolean {
    return this.updatedAt === null || now.getTime() - this.updatedAt.getTime() > MAX_AGE_MS;
  }

  /** Refreshes once at a time; callers during a run share it. */
  refresh(): Promise<number> {
    this.pending ??= this.load().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /**
   * The table. When it is a day old or its last refresh failed in part, it catches up (at most
   * once a minute): in the background, or first when nothing is known yet.
   */
  async table(): Promise<CurrencyTable> {
    if (Date.now() - this.lastTry > ON_DEMAND_RETRY_MS && (this.isStale() || this.failing())) {
      const pending = this.catchUp();
      if (this.entries.size === 0) {
        await pending;
      } else {
        void pending;
      }
    }
    const entries = [...this.entries.values()];
    return {
      entries,
      updatedAt: this.updatedAt,
      attempted: this.attempted,
      stale: this.listFailed || entries.some((e) => this.conversion(e)?.stale),
    };
  }

  /**
   * Checks that `vs` names only currencies the table holds: a 400 naming the others, or a 503
   * when no table could be fetched or stored yet.
   */
  async requireSupported(codes: readonly string[]): Promise<CurrencyTable> {
    const table = await this.table();
    if (codes.every((c) => c === BASE_CURRENCY)) {
      return table;
    }
    if (table.entries.length === 0) {
      throw new AllProvidersFailedError('the currency list', table.attempted);
    }
    const unknown = codes.filter((c) => !this.entries.has(c));
    if (unknown.length > 0) {
      throw new BadRequestException(
        `vs: unknown currency ${unknown.join(', ')}; GET /api/currencies lists the supported ones`,
      );
    }
    return table;
  }

  /** The entry of a code the table holds. */
  entry(code: string): CurrencyEntry | undefined {
    return this.entries.get(code);
  }

  /** How to convert a USD value to `code`, when a rate is known. */
  conversionTo(code: string): Conversion | undefined {
    const entry = this.entries.get(code);
    return entry && this.conversion(entry);
  }

  private failing(): boolean {
    return this.listFailed || this.failedSources.size > 0;
  }

  /** Another replica's job may have stored a fresh table; fetch only when it has not. */
  private async catchUp(): Promise<void> {
    this.lastTry = Date.now();
    try {
      await this.reloadStored();
      if (this.isStale() || this.failing()) {
        await this.refresh();
      }
    } catch (error) {
      this.logger.warn(`currency table not refreshed: ${String(error)}`);
    }
  }

  private async reloadStored(): Promise<void> {
    const { entries, updatedAt } = await this.store.all();
    this.use(entries);
    this.updatedAt = updatedAt;
  }

  private conversion(entry: CurrencyEntry): Conversion | undefined {
    return conversionOf(entry, this.failedSources);
  }

  private async load(): Promise<number> {
    this.lastTry = Date.now();
    const [rates, listed] = await Promise.allSettled([
      this.registry.gather('fx', (api, ctx) => api.getUsdRates({ ctx })),
      this.registry.execute('quotes', (api, ctx) => api.getQuoteCurrencies({ ctx })),
    ]);
    const at = new Date();
    const result: RefreshResult = {
      rates:
        rates.status === 'fulfilled'
          ? rates.value.results.map((r) => ({ provider: r.provider, rates: r.data }))
          : [],
      listed:
        listed.status === 'fulfilled'
          ? { provider: listed.value.provider, codes: listed.value.data }
          : null,
      at,
    };
    this.attempted = [...attemptsOf(rates), ...attemptsOf(listed)];
    this.failedSources = new Set(
      attemptsOf(rates)
        .filter((a) => a.outcome !== 'ok')
        .map((a) => a.provider),
    );
    this.listFailed = listed.status === 'rejected';
    if (result.rates.length === 0 && !result.listed) {
      throw new AllProvidersFailedError('currencies', this.attempted);
    }
    const merged = mergeCurrencies([...this.entries.values()], result);
    await this.store.replace(merged, at);
    this.use(merged);
    this.updatedAt = at;
    return merged.length;
  }

  private use(entries: readonly CurrencyEntry[]): void {
    this.entries = new Map(entries.map((e) => [e.code, e]));
  }
}

/** The attempts of a settled registry call, whether it answered or failed. */
function attemptsOf(
  settled: PromiseSettledResult<{ attempted: ProviderAttempt[] }>,
): ProviderAttempt[] {
  if (settled.status === 'fulfilled') {
    return settled.value.attempted;
  }
  return settled.reason instanceof AllProvidersFailedError ? settled.reason.attempted : [];
}
