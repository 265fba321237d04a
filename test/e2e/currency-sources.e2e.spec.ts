import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { CoinGeckoAdapter } from '../../src/providers/upstreams/coingecko/coingecko.adapter';
import { FrankfurterAdapter } from '../../src/providers/upstreams/frankfurter/frankfurter.adapter';
import {
  callContext as ctx,
  providerErrorOf as failure,
  useFakeUpstream,
} from '../support/upstream-harness';

interface FrankfurterBody {
  base: string;
  date: string;
  rates: Record<string, number>;
}

/** The currency sources' own answers and error shapes, beside the generic fault matrix. */
describe('currency sources: Frankfurter and CoinGecko', () => {
  const upstream = useFakeUpstream();
  const fake = upstream.fake;
  const frankfurter = () => new FrankfurterAdapter(upstream.http, upstream.config);
  const coingecko = () => new CoinGeckoAdapter(upstream.http, upstream.config);

  beforeEach(() => fake.clear());

  it('crosses the unrounded euro rates to the dollar, dated with the ECB business day', async () => {
    const rates = await frankfurter().getUsdRates({ ctx: ctx() });
    const served = fake.lastServed<FrankfurterBody>('frankfurter:/v1/latest');
    assert.equal(served.base, 'EUR');
    const day = new Date(`${served.date}T12:00:00Z`).getUTCDay();
    assert.ok(day >= 1 && day <= 5, `${served.date} is a weekday`);
    const byCode = new Map(rates.map((r) => [r.code, r]));
    assert.equal(byCode.has('usd'), false);
    assert.deepEqual(byCode.get('eur'), {
      code: 'eur',
      perUsd: 1 / served.rates.USD,
      kind: 'fiat',
      name: null,
      asOf: served.date,
    });
    assert.equal(byCode.get('jpy')?.perUsd, served.rates.JPY / served.rates.USD);
    assert.equal(rates.length, Object.keys(served.rates).length);
  });

  it("reads Frankfurter's own error bodies: 404 not found, 422 bad currency pair", async () => {
    fake.inject('frankfurter', { type: 'status', status: 404, body: { message: 'not found' } });
    const notFound = await failure(frankfurter().getUsdRates({ ctx: ctx() }));
    assert.equal(notFound.kind, 'not_found');
    assert.match(notFound.message, /not found/);
    fake.inject('frankfurter', {
      type: 'status',
      status: 422,
      body: { message: 'bad currency pair' },
    });
    const badPair = await failure(frankfurter().getUsdRates({ ctx: ctx() }));
    assert.equal(badPair.kind, 'bad_request');
    assert.match(badPair.message, /bad currency pair/);
  });

  it('the fake Frankfurter rounds rebased rates as the real one does', async () => {
    const body = (await (
      await fetch(`${fake.baseUrl}/frankfurter/v1/latest?base=USD&symbols=EUR,JPY,KRW`)
    ).json()) as FrankfurterBody;
    assert.equal(body.base, 'USD');
    assert.equal(String(body.rates.EUR).split('.')[1].length <= 5, true);
    assert.equal(Number.isInteger(body.rates.KRW) || body.rates.KRW < 5000, true);
    const same = await fetch(`${fake.baseUrl}/frankfurter/v1/latest?base=USD&symbols=USD`);
    assert.equal(same.status, 422);
    const unknown = await fetch(`${fake.baseUrl}/frankfurter/v1/latest?base=XYZ`);
    assert.equal(unknown.status, 404);
  });

  it('CoinGecko: the vs-currency list, BTC-based rates crossed through usd, several vs at once', async () => {
    const listed = await coingecko().getQuoteCurrencies({ ctx: ctx() });
    assert.ok(listed.includes('eur') && listed.includes('btc') && !listed.includes('usdt'));
    const rates = await coingecko().getUsdRates({ ctx: ctx() });
    const served = fake.lastServed<{ rates: Record<string, { value: number; type: string }> }>(
      'coingecko:/api/v3/exchange_rates',
    ).rates;
    const sats = rates.find((r) => r.code === 'sats');
    assert.equal(sats?.perUsd, served.sats.value / served.usd.value);
    assert.equal(sats?.kind, 'crypto');
    const btc = upstream.config.catalogue.coins.find((c) => c.symbol === 'BTC');
    assert.ok(btc);
    const [quote] = await coingecko().getQuotesIn({
      coins: [btc],
      currencies: ['eur', 'sats'],
      ctx: ctx(),
    });
    const price = fake.lastServed<Record<string, Record<string, number>>>(
      'coingecko:/api/v3/simple/price',
    ).bitcoin;
    assert.deepEqual(quote.quotes.eur, {
      price: price.eur,
      marketCap: price.eur_market_cap,
      volume24h: price.eur_24h_vol,
      change24h: price.eur_24h_change,
    });
    assert.equal(quote.quotes.sats.price, price.sats);
  });

  it("CoinGecko's 400 invalid vs_currency is a bad request, not an outage", async () => {
    const btc = upstream.config.catalogue.coins.find((c) => c.symbol === 'BTC');
    assert.ok(btc);
    const error = await failure(
      coingecko().getQuotesIn({ coins: [btc], currencies: ['usdt'], ctx: ctx() }),
    );
    assert.equal(error.kind, 'bad_request');
    assert.match(error.message, /invalid vs_currency/);
  });
});
