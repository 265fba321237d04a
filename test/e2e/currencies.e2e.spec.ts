import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { CacheService } from '../../src/core/cache';
import { CurrenciesService } from '../../src/currencies/currencies.service';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface FrankfurterBody {
  base: string;
  date: string;
  rates: Record<string, number>;
}
interface ExchangeRatesBody {
  rates: Record<string, { value: number; type: string; name: string }>;
}
type SimplePriceBody = Record<string, Record<string, number>>;
interface Quote {
  price: number;
  market_cap: number | null;
  volume_24h: number | null;
  change_24h: number | null;
  provider: string;
  converted: boolean;
}
interface PriceRow {
  symbol: string;
  price: number;
  market_cap: number | null;
  volume_24h: number | null;
  provider: string;
  quotes?: Record<string, Quote>;
}
interface CurrencyRow {
  code: string;
  kind: string | null;
  quoted: string;
  quoted_by: string | null;
  rate: number | null;
  rate_source: string | null;
  rate_as_of: string | null;
  stale: boolean;
}

const CG_PRICE = 'coingecko:/api/v3/simple/price';
const FX = 'frankfurter:/v1/latest';
const CG_RATES = 'coingecko:/api/v3/exchange_rates';

describe('currencies: GET /api/currencies and vs on /api/prices', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  /** Units per US dollar from the euro rates Frankfurter served. */
  const ecbPerUsd = (code: string) => {
    const body = t.fake.lastServed<FrankfurterBody>(FX);
    assert.equal(body.base, 'EUR');
    return (code === 'EUR' ? 1 : body.rates[code]) / body.rates.USD;
  };
  const close = (actual: number, expected: number, tolerance = 1e-9) =>
    assert.ok(
      Math.abs(actual / expected - 1) < tolerance,
      `${actual} differs from ${expected} by more than ${tolerance}`,
    );

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
    t.running.app.get(CacheService).invalidate('prices:');
  });

  it('lists the currencies vs accepts: direct, converted, their rates, sources and dates', async () => {
    const res = await api().get('/api/currencies').expect(200);
    const rows = new Map((res.body.data as CurrencyRow[]).map((r) => [r.code, r]));
    const cg = t.fake.lastServed<ExchangeRatesBody>(CG_RATES).rates;
    const listed = t.fake.lastServed<string[]>('coingecko:/api/v3/simple/supported_vs_currencies');
    assert.equal(res.body.meta.count, rows.size);
    assert.equal(res.body.meta.stale, false);
    for (const code of listed) {
      assert.equal(rows.get(code)?.quoted, 'direct', code);
      assert.equal(rows.get(code)?.quoted_by, 'coingecko', code);
    }
    const { date } = t.fake.lastServed<FrankfurterBody>(FX);
    assert.deepEqual(rows.get('eur'), {
      code: 'eur',
      name: 'Euro',
      kind: 'fiat',
      quoted: 'direct',
      quoted_by: 'coingecko',
      rate: ecbPerUsd('EUR'),
      rate_source: 'frankfurter',
      rate_as_of: date,
      stale: false,
    });
    // Frankfurter's ECB list has ISK, CoinGecko does not quote it: converted only.
    assert.equal(rows.get('isk')?.quoted, 'converted');
    assert.equal(rows.get('isk')?.rate, ecbPerUsd('ISK'));
    // Crypto units and commodities come from CoinGecko's BTC-based rates, crossed through usd.
    assert.equal(rows.get('btc')?.kind, 'crypto');
    assert.equal(rows.get('btc')?.rate_source, 'coingecko');
    close(rows.get('btc')?.rate ?? 0, cg.btc.value / cg.usd.value);
    assert.equal(rows.get('xau')?.kind, 'commodity');
    close(rows.get('xau')?.rate ?? 0, cg.xau.value / cg.usd.value);
    // Quoted directly, rated by nobody: no rate is made up.
    assert.equal(rows.get('vef')?.rate, null);
    assert.equal(rows.get('usd')?.rate, 1);
    assert.equal(rows.has('usdt'), false);
  });

  it('serves EUR quoted directly: the number CoinGecko sent, agreeing with the ECB rate', async () => {
    const res = await api().get('/api/prices?symbols=BTC,eth&vs=EUR,usd').expect(200);
    const served = t.fake.lastServed<SimplePriceBody>(CG_PRICE);
    const data = res.body.data as PriceRow[];
    assert.deepEqual(
      data.map((d) => d.symbol),
      ['BTC', 'ETH'],
    );
    for (const [d, id] of [
      [data[0], 'bitcoin'],
      [data[1], 'ethereum'],
    ] as const) {
      assert.deepEqual(d.quotes?.eur, {
        price: served[id].eur,
        market_cap: served[id].eur_market_cap,
        volume_24h: served[id].eur_24h_vol,
        change_24h: served[id].eur_24h_change,
        provider: 'coingecko',
        converted: false,
      });
      assert.equal(d.quotes?.usd.price, d.price);
      // CoinGecko's own conversion and the ECB's rounded-to-nothing rate agree closely.
      close(d.quotes?.eur.price ?? 0, d.price * ecbPerUsd('EUR'), 1e-3);
    }
    assert.deepEqual(res.body.meta.converted, {});
    assert.deepEqual(res.body.meta.unavailable, []);
    assert.equal(res.body.meta.quotes_provider, 'coingecko');
  });

  it('converts from USD at the stored rate when the direct quote fails, and says so', async () => {
    t.fake.inject(CG_PRICE, { type: 'status', status: 500 });
    const res = await api().get('/api/prices?symbols=BTC&vs=eur').expect(200);
    const [btc] = res.body.data as PriceRow[];
    assert.notEqual(btc.provider, 'coingecko');
    const rate = ecbPerUsd('EUR');
    assert.deepEqual(btc.quotes?.eur, {
      price: btc.price * rate,
      market_cap: btc.market_cap === null ? null : btc.market_cap * rate,
      volume_24h: btc.volume_24h === null ? null : btc.volume_24h * rate,
      change_24h: null,
      provider: btc.provider,
      converted: true,
    });
    assert.deepEqual(res.body.meta.converted, {
      eur: {
        from: 'usd',
        rate,
        source: 'frankfurter',
        asOf: t.fake.lastServed<FrankfurterBody>(FX).date,
        stale: false,
      },
    });
    assert.equal(res.body.meta.quotes_provider, null);
    assert.equal(res.body.meta.quotes_attempted[0].provider, 'coingecko');
    assert.equal(res.body.meta.quotes_attempted[0].outcome, 'upstream_5xx');
  });

  it('converts a currency no provider quotes (ISK) and quotes the rest directly', async () => {
    const res = await api().get('/api/prices/BTC?vs=isk,btc').expect(200);
    const btc = res.body.data as PriceRow;
    const served = t.fake.lastServed<SimplePriceBody>(CG_PRICE);
    assert.equal(btc.quotes?.btc.price, served.bitcoin.btc);
    assert.equal(btc.quotes?.isk.price, btc.price * ecbPerUsd('ISK'));
    assert.deepEqual(Object.keys(res.body.meta.converted), ['isk']);
    assert.equal(res.body.meta.unknown, undefined);
  });

  it('keeps the answer without vs (or with vs=usd) exactly as before', async () => {
    const plain = await api().get('/api/prices?symbols=BTC').expect(200);
    assert.equal(plain.body.data[0].quotes, undefined);
    assert.equal(plain.body.meta.converted, undefined);
    const usd = await api().get('/api/prices?symbols=BTC&vs=USD').expect(200);
    assert.deepEqual(Object.keys(usd.body.data[0]).sort(), Object.keys(plain.body.data[0]).sort());
    assert.deepEqual(Object.keys(usd.body.meta).sort(), Object.keys(plain.body.meta).sort());
  });

  it("counts symbols times currencies against the tier's symbols-per-request limit", async () => {
    // The free tier allows 5: three coins in two currencies are six quotes.
    const res = await api().get('/api/prices?symbols=BTC,ETH,SOL&vs=usd,eur').expect(403);
    assert.match(res.body.message, /allows 5 symbols per request \(asked for 6\)/);
    await api().get('/api/prices?symbols=BTC,ETH,SOL').expect(200);
    await api().get('/api/prices/BTC?vs=usd,eur,btc,gbp,jpy,chf').expect(403);
  });

  it('refuses unknown or malformed codes with a 400 pointing at /api/currencies', async () => {
    for (const vs of ['xyz', 'eur,usdt', 'e1', 'eur,,x']) {
      const res = await api().get(`/api/prices?symbols=BTC&vs=${vs}`).expect(400);
      assert.match(JSON.stringify(res.body), /\/api\/currencies/, vs);
    }
    const res = await api().get('/api/prices/BTC?vs=xyz').expect(400);
    assert.match(res.body.message, /xyz/);
  });

  it('lists a currency it can neither quote nor convert, and answers 503 when nothing is left', async () => {
    t.fake.inject(CG_PRICE, { type: 'status', status: 503 });
    const mixed = await api().get('/api/prices?symbols=BTC&vs=vef,eur').expect(200);
    assert.equal(mixed.body.data[0].quotes.vef, undefined);
    assert.equal(mixed.body.data[0].quotes.eur.converted, true);
    assert.deepEqual(mixed.body.meta.unavailable[0].currency, 'vef');
    assert.deepEqual(mixed.body.meta.unavailable[0].symbols, ['BTC']);
    t.running.app.get(CacheService).invalidate('prices:');
    const none = await api().get('/api/prices?symbols=BTC&vs=vef').expect(503);
    assert.match(none.body.message, /vef/);
    assert.equal(none.body.attempted[0].provider, 'coingecko');
  });

  it('serves prices as CSV, one row per coin and currency', async () => {
    const res = await api()
      .get('/api/prices?symbols=BTC,ETH&vs=usd,eur&format=csv')
      .expect(200)
      .expect('content-type', /text\/csv/);
    const served = t.fake.lastServed<SimplePriceBody>(CG_PRICE);
    const rows = parse<Record<string, string>>(res.text, { columns: true });
    assert.deepEqual(
      rows.map((r) => [r.symbol, r.currency, r.converted]),
      [
        ['BTC', 'usd', 'false'],
        ['BTC', 'eur', 'false'],
        ['ETH', 'usd', 'false'],
        ['ETH', 'eur', 'false'],
      ],
    );
    assert.equal(Number(rows[1].price), served.bitcoin.eur);
    assert.equal(Number(rows[3].market_cap), served.ethereum.eur_market_cap);
    const plain = await api().get('/api/prices?symbols=BTC&format=csv').expect(200);
    const [row] = parse<Record<string, string>>(plain.text, { columns: true });
    assert.equal(row.currency, 'usd');
  });

  it('serves the currency list as CSV', async () => {
    const json = await api().get('/api/currencies').expect(200);
    const res = await api().get('/api/currencies?format=csv').expect(200);
    const rows = parse<Record<string, string>>(res.text, { columns: true });
    assert.equal(rows.length, json.body.data.length);
    const eur = rows.find((r) => r.code === 'eur');
    assert.equal(Number(eur?.rate), ecbPerUsd('EUR'));
    assert.equal(eur?.rate_source, 'frankfurter');
  });

  it('converts the market overview to the currencies vs names', async () => {
    t.running.app.get(CacheService).invalidate('market:');
    const usd = await api().get('/api/market').expect(200);
    const res = await api().get('/api/market?vs=usd,EUR').expect(200);
    const { data, meta } = res.body;
    const rate = ecbPerUsd('EUR');
    assert.equal(data.total_market_cap_usd, usd.body.data.total_market_cap_usd);
    assert.deepEqual(data.in.eur, {
      total_market_cap: data.total_market_cap_usd * rate,
      total_volume_24h: data.total_volume_24h_usd * rate,
      btc_price: data.btc_price * rate,
      eth_price: data.eth_price * rate,
      converted: true,
    });
    assert.equal(data.in.usd.total_market_cap, data.total_market_cap_usd);
    assert.equal(data.top[0].quotes.eur.price, data.top[0].price * rate);
    assert.equal(meta.converted.eur.rate, rate);
    assert.equal(meta.converted.eur.source, 'frankfurter');
    assert.equal(usd.body.data.in, undefined);
    await api().get('/api/market?vs=xyz').expect(400);
  });

  it('serves the stored rates, flagged stale, when every FX source is unreachable', async () => {
    const before = (await api().get('/api/currencies').expect(200)).body.data as CurrencyRow[];
    t.fake.inject('frankfurter', { type: 'status', status: 503 });
    t.fake.inject(CG_RATES, { type: 'hang' });
    await t.running.app.get(CurrenciesService).refresh();
    const res = await api().get('/api/currencies').expect(200);
    assert.equal(res.body.meta.stale, true);
    const rows = res.body.data as CurrencyRow[];
    const eur = rows.find((r) => r.code === 'eur');
    assert.equal(eur?.rate, before.find((r) => r.code === 'eur')?.rate);
    assert.equal(eur?.stale, true);
    assert.ok(
      res.body.meta.attempted.some((a: { provider: string }) => a.provider === 'frankfurter'),
    );
    const prices = await api().get('/api/prices?symbols=BTC&vs=isk').expect(200);
    assert.equal(prices.body.meta.converted.isk.stale, true);
    assert.equal(prices.body.meta.stale, true);
    // Back in reach, the next refresh clears the flag.
    t.fake.clear();
    await t.running.app.get(CurrenciesService).refresh();
    const fresh = await api().get('/api/currencies').expect(200);
    assert.equal(fresh.body.meta.stale, false);
  });
});
