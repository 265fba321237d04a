import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FxRate } from '../providers/provider.types';
import {
  conversionOf,
  convertUsd,
  type CurrencyEntry,
  mergeCurrencies,
  RATE_MAX_AGE_MS,
} from './currency-table';

const T0 = new Date('2026-11-27T16:10:00Z');
const T1 = new Date('2026-11-28T16:10:00Z');
const rate = (code: string, perUsd: number, extra: Partial<FxRate> = {}): FxRate => ({
  code,
  perUsd,
  kind: 'fiat',
  name: null,
  asOf: '2026-11-27',
  ...extra,
});
const byCode = (entries: CurrencyEntry[]) => new Map(entries.map((e) => [e.code, e]));

describe('currency table', () => {
  it('takes each rate from the first provider giving it, names and kinds from any', () => {
    const table = byCode(
      mergeCurrencies([], {
        rates: [
          { provider: 'frankfurter', rates: [rate('eur', 0.945), rate('isk', 138.2)] },
          {
            provider: 'coingecko',
            rates: [
              rate('eur', 0.9451, { name: 'Euro', asOf: T0.toISOString() }),
              rate('btc', 1 / 94_213, { kind: 'crypto', name: 'Bitcoin' }),
            ],
          },
        ],
        listed: { provider: 'coingecko', codes: ['usd', 'eur', 'btc', 'vef'] },
        at: T0,
      }),
    );
    assert.deepEqual(table.get('eur'), {
      code: 'eur',
      kind: 'fiat',
      name: 'Euro',
      quotedBy: 'coingecko',
      rate: { perUsd: 0.945, source: 'frankfurter', asOf: '2026-11-27', fetchedAt: T0 },
    });
    assert.equal(table.get('isk')?.quotedBy, null);
    assert.equal(table.get('btc')?.rate?.source, 'coingecko');
    assert.equal(table.get('vef')?.rate, null);
    assert.equal(table.get('usd')?.rate, null);
    assert.equal(table.get('usd')?.quotedBy, 'coingecko');
  });

  it('keeps stored rates and the stored direct list for what did not arrive', () => {
    const first = mergeCurrencies([], {
      rates: [{ provider: 'frankfurter', rates: [rate('eur', 0.945), rate('gbp', 0.79)] }],
      listed: { provider: 'coingecko', codes: ['eur'] },
      at: T0,
    });
    const second = byCode(
      mergeCurrencies(first, {
        rates: [{ provider: 'coingecko', rates: [rate('eur', 0.95)] }],
        listed: null,
        at: T1,
      }),
    );
    assert.deepEqual(second.get('gbp')?.rate, {
      perUsd: 0.79,
      source: 'frankfurter',
      asOf: '2026-11-27',
      fetchedAt: T0,
    });
    assert.equal(second.get('eur')?.rate?.source, 'coingecko');
    assert.equal(second.get('eur')?.quotedBy, 'coingecko');
  });

  it('drops the direct mark of a currency the new list no longer has, and one left with nothing', () => {
    const first = mergeCurrencies([], {
      rates: [{ provider: 'frankfurter', rates: [rate('isk', 138.2)] }],
      listed: { provider: 'coingecko', codes: ['eur', 'vef', 'isk'] },
      at: T0,
    });
    const second = byCode(
      mergeCurrencies(first, {
        rates: [],
        listed: { provider: 'coingecko', codes: ['eur'] },
        at: T1,
      }),
    );
    assert.equal(second.has('vef'), false);
    assert.equal(second.get('isk')?.quotedBy, null);
    assert.equal(second.get('isk')?.rate?.perUsd, 138.2);
    assert.equal(second.get('eur')?.quotedBy, 'coingecko');
  });

  it('converts with the rate and says from what, by whom, as of when; stale when failed or old', () => {
    const [eur] = mergeCurrencies([], {
      rates: [{ provider: 'frankfurter', rates: [rate('eur', 0.945)] }],
      listed: null,
      at: T0,
    });
    const conversion = conversionOf(eur, new Set(), T0);
    assert.deepEqual(conversion, {
      from: 'usd',
      rate: 0.945,
      source: 'frankfurter',
      asOf: '2026-11-27',
      stale: false,
    });
    assert.ok(conversion);
    assert.equal(convertUsd(100, conversion), 94.5);
    assert.equal(convertUsd(null, conversion), null);
    assert.equal(conversionOf(eur, new Set(['frankfurter']), T0)?.stale, true);
    const later = new Date(T0.getTime() + RATE_MAX_AGE_MS + 1);
    assert.equal(conversionOf(eur, new Set(), later)?.stale, true);
  });

  it('has no conversion without a rate', () => {
    const entry: CurrencyEntry = {
      code: 'vef',
      kind: null,
      name: null,
      quotedBy: 'coingecko',
      rate: null,
    };
    assert.equal(conversionOf(entry, new Set()), undefined);
  });
});
