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
  rates: Record<string, { value: number }>;
}
/** One row of CoinGecko's /coins/markets as the fake sent it. */
interface SentRow {
  market_cap_rank: number;
  current_price: number;
  market_cap: number | null;
  total_volume: number | null;
}
interface Quote {
  price: number;
  market_cap: number | null;
  volume_24h: number | null;
  change_24h: number | null;
  provider: string;
  converted: boolean;
}
interface Row {
  rank: number;
  symbol: string;
  price: number;
  market_cap: number | null;
  volume_24h: number | null;
  change_24h: number | null;
  change_pct?: number;
  provider: string;
  quotes?: Record<string, Quote>;
  [field: string]: unknown;
}

const MARKETS = 'coingecko:/api/v3/coins/markets';
const FX = 'frankfurter:/v1/latest';
const CG_RATES = 'coingecko:/api/v3/exchange_rates';

/** The row without its quotes: what the USD answer serves. */
const usdPart = ({ quotes, ...rest }: Row) => rest;
const times = (value: number | null, rate: number) => (value === null ? null : value * rate);

describe('vs on GET /api/coins/top and GET /api/market/movers', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  /** Units per US dollar from the euro rates Frankfurter served. */
  const ecbPerUsd = (code: string) => {
    const body = t.fake.lastServed<FrankfurterBody>(FX);
    return (code === 'EUR' ? 1 : body.rates[code]) / body.rates.USD;
  };
  /** Every non-USD quote is the USD figure the fake sent times the rate in meta.converted. */
  const assertConverted = (
    rows: Row[],
    sent: Map<number, SentRow>,
    rates: Record<string, number>,
  ) => {
    for (const row of rows) {
      const coin = sent.get(row.rank);
      assert.ok(coin, row.symbol);
      assert.equal(row.price, coin.current_price);
      for (const [code, rate] of Object.entries(rates)) {
        assert.deepEqual(row.quotes?.[code], {
          price: coin.current_price * rate,
          market_cap: times(coin.market_cap, rate),
          volume_24h: times(coin.total_volume, rate),
          change_24h: null,
          provider: 'coingecko',
          converted: true,
        });
      }
    }
  };
  /** By rank: the fake lists coins sharing a ticker. */
  const sentByRank = () =>
    new Map(t.fake.lastServed<SentRow[]>(MARKETS).map((r) => [r.market_cap_rank, r]));

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
    t.running.app.get(CacheService).invalidate('market:');
  });

  it('converts top coins at the stored rates, several currencies in any case, and says so', async () => {
    const res = await api()
      .get('/api/coins/top?per_page=10&vs=EUR,usd,Btc&price_change_percentage=1h,24h,7d')
      .expect(200);
    const data = res.body.data as Row[];
    const eur = ecbPerUsd('EUR');
    const cg = t.fake.lastServed<ExchangeRatesBody>(CG_RATES).rates;
    const btc = res.body.meta.converted.btc.rate as number;
    assert.ok(Math.abs(btc / (cg.btc.value / cg.usd.value) - 1) < 1e-9);
    assert.equal(data.length, 10);
    assertConverted(data, sentByRank(), { eur, btc });
    for (const row of data) {
      assert.deepEqual(row.quotes?.usd, {
        price: row.price,
        market_cap: row.market_cap,
        volume_24h: row.volume_24h,
        change_24h: row.change_24h,
        provider: row.provider,
        converted: false,
      });
    }
    assert.deepEqual(res.body.meta.converted.eur, {
      from: 'usd',
      rate: eur,
      source: 'frankfurter',
      asOf: t.fake.lastServed<FrankfurterBody>(FX).date,
      stale: false,
    });
    assert.equal(res.body.meta.converted.btc.source, 'coingecko');
    assert.deepEqual(Object.keys(res.body.meta.converted).sort(), ['btc', 'eur']);
    assert.deepEqual(res.body.meta.unavailable, []);
    // Percentage changes, order and everything else are the USD answer's.
    const plain = await api()
      .get('/api/coins/top?per_page=10&price_change_percentage=1h,24h,7d')
      .expect(200);
    assert.deepEqual(data.map(usdPart), plain.body.data);
    assert.equal(plain.body.data[0].quotes, undefined);
    assert.equal(plain.body.meta.converted, undefined);
  });

  it('keeps other pages and change orders of the USD list, each coin converted', async () => {
    const paged = await api().get('/api/coins/top?page=2&per_page=5&vs=gbp').expect(200);
    assertConverted(paged.body.data, sentByRank(), { gbp: ecbPerUsd('GBP') });
    assert.equal(paged.body.meta.page, 2);
    const byChange = await api().get('/api/coins/top?order=change_24h_desc&vs=eur').expect(200);
    const plain = await api().get('/api/coins/top?order=change_24h_desc').expect(200);
    assert.deepEqual((byChange.body.data as Row[]).map(usdPart), plain.body.data);
  });

  it('answers vs=usd exactly as without vs', async () => {
    const usd = await api().get('/api/coins/top?per_page=3&vs=USD').expect(200);
    const plain = await api().get('/api/coins/top?per_page=3').expect(200);
    assert.deepEqual(usd.body.data, plain.body.data);
    assert.deepEqual(Object.keys(usd.body.meta).sort(), Object.keys(plain.body.meta).sort());
    const movers = await api().get('/api/market/movers?vs=usd').expect(200);
    assert.equal(movers.body.meta.converted, undefined);
  });

  it('converts movers and leaves their ranking by percentage change as in USD', async () => {
    const res = await api().get('/api/market/movers?window=1h&limit=5&vs=eur,jpy').expect(200);
    const rates = { eur: ecbPerUsd('EUR'), jpy: ecbPerUsd('JPY') };
    const { gainers, losers } = res.body.data as { gainers: Row[]; losers: Row[] };
    assert.ok(gainers.length > 0 && losers.length > 0);
    assertConverted([...gainers, ...losers], sentByRank(), rates);
    assert.equal(res.body.meta.converted.jpy.rate, rates.jpy);
    assert.equal(res.body.meta.window, '1h');
    const plain = await api().get('/api/market/movers?window=1h&limit=5').expect(200);
    assert.deepEqual(gainers.map(usdPart), plain.body.data.gainers);
    assert.deepEqual(losers.map(usdPart), plain.body.data.losers);
    assert.equal(res.body.meta.eligible, plain.body.meta.eligible);
  });

  it("converts the second source's list, then the stored list (stale), at the same rate", async () => {
    const path = '/api/coins/top?per_page=10&vs=eur';
    await api().get(path).expect(200);
    const rate = ecbPerUsd('EUR');
    /** Each quote is the row's own USD figure times the rate; the rows are those of `provider`. */
    const converts = (rows: Row[], provider: string) => {
      assert.ok(rows.length > 0);
      for (const row of rows) {
        assert.equal(row.provider, provider);
        assert.deepEqual(row.quotes?.eur, {
          price: row.price * rate,
          market_cap: times(row.market_cap, rate),
          volume_24h: times(row.volume_24h, rate),
          change_24h: null,
          provider,
          converted: true,
        });
      }
    };
    t.running.app.get(CacheService).invalidate('market:');
    t.fake.inject(MARKETS, { type: 'status', status: 503 });
    const second = await api().get(path).expect(200);
    assert.equal(second.body.meta.provider, 'coinpaprika');
    converts(second.body.data, 'coinpaprika');
    assert.equal(second.body.meta.converted.eur.rate, rate);
    t.running.app.get(CacheService).invalidate('market:');
    t.fake.inject('coinpaprika', { type: 'status', status: 503 });
    t.fake.inject('coinlore', { type: 'status', status: 503 });
    const stored = await api().get(path).expect(200);
    assert.deepEqual([stored.body.meta.provider, stored.body.meta.stale], ['database', true]);
    // The stored list keeps the provider that gave it.
    converts(stored.body.data, 'coinpaprika');
    const movers = await api().get('/api/market/movers?top=10&vs=eur').expect(200);
    assert.equal(movers.body.meta.stale, true);
    converts([...movers.body.data.gainers, ...movers.body.data.losers], 'coinpaprika');
  });

  it('lists a currency without a rate in meta.unavailable, and answers 503 when nothing is left', async () => {
    // CoinGecko quotes vef but no source rates it, and the market lists are converted only.
    const mixed = await api().get('/api/coins/top?per_page=3&vs=vef,eur').expect(200);
    const data = mixed.body.data as Row[];
    assert.deepEqual(mixed.body.meta.unavailable, [
      {
        currency: 'vef',
        symbols: data.map((d) => d.symbol),
        reason: 'no provider quoted vef and no vef rate is known',
      },
    ]);
    assert.equal(data[0].quotes?.vef, undefined);
    assert.equal(data[0].quotes?.eur.converted, true);
    const none = await api().get('/api/market/movers?vs=vef').expect(503);
    assert.match(none.body.message, /vef/);
  });

  it('refuses unknown or malformed codes with a 400 naming them and pointing at /api/currencies', async () => {
    for (const path of ['/api/coins/top', '/api/market/movers']) {
      for (const vs of ['xyz', 'eur,usdt', 'e1', 'eur,,x']) {
        const res = await api().get(`${path}?vs=${vs}`).expect(400);
        assert.match(JSON.stringify(res.body), /\/api\/currencies/, `${path} ${vs}`);
      }
      const res = await api().get(`${path}?vs=eur,xyz`).expect(400);
      assert.match(res.body.message, /unknown currency xyz/);
    }
  });

  it('serves top coins as CSV with a price, market cap and volume column per currency', async () => {
    const res = await api()
      .get('/api/coins/top?per_page=4&vs=usd,eur&format=csv')
      .expect(200)
      .expect('content-type', /text\/csv/);
    const rows = parse<Record<string, string>>(res.text, { columns: true });
    const sent = sentByRank();
    const eur = ecbPerUsd('EUR');
    assert.equal(rows.length, 4);
    assert.ok(!('price_usd' in rows[0]));
    for (const row of rows) {
      const coin = sent.get(Number(row.rank));
      assert.ok(coin, row.symbol);
      assert.equal(Number(row.price), coin.current_price);
      assert.equal(Number(row.price_eur), coin.current_price * eur);
      assert.equal(Number(row.market_cap_eur), times(coin.market_cap, eur));
      assert.equal(Number(row.volume_24h_eur), times(coin.total_volume, eur));
    }
  });

  it('serves movers as CSV with the currency columns, in the ranking of the USD list', async () => {
    const res = await api().get('/api/market/movers?limit=3&vs=chf&format=csv').expect(200);
    const rows = parse<Record<string, string>>(res.text, { columns: true });
    const json = await api().get('/api/market/movers?limit=3&vs=chf').expect(200);
    const { gainers, losers } = json.body.data as { gainers: Row[]; losers: Row[] };
    assert.deepEqual(
      rows.map((r) => [r.side, r.symbol, Number(r.change_pct)]),
      [
        ...gainers.map((g) => ['gainer', g.symbol, g.change_pct]),
        ...losers.map((l) => ['loser', l.symbol, l.change_pct]),
      ],
    );
    const sent = sentByRank();
    const chf = ecbPerUsd('CHF');
    for (const row of rows) {
      assert.equal(Number(row.price_chf), (sent.get(Number(row.rank))?.current_price ?? NaN) * chf);
    }
  });

  it('flags the answer stale when the rate could not be refreshed', async () => {
    const currencies = t.running.app.get(CurrenciesService);
    t.fake.inject('frankfurter', { type: 'status', status: 503 });
    t.fake.inject(CG_RATES, { type: 'hang' });
    await currencies.refresh();
    const res = await api().get('/api/coins/top?per_page=3&vs=isk').expect(200);
    assert.equal(res.body.meta.provider, 'coingecko');
    assert.equal(res.body.meta.converted.isk.stale, true);
    assert.equal(res.body.meta.stale, true);
    t.fake.clear();
    await currencies.refresh();
    const fresh = await api().get('/api/coins/top?per_page=3&vs=isk').expect(200);
    assert.deepEqual([fresh.body.meta.stale, fresh.body.meta.converted.isk.stale], [false, false]);
  });
});
