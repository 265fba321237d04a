import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BASE, CWD, FEEDS, problemsOf } from '../../../test/support/config-env';
import { loadConfig } from './load-config';

describe('loadConfig: upstream plug-ins', () => {
  it('NEWS_FEEDS replaces the feeds file, naming feeds by host', () => {
    const config = loadConfig(
      {
        ...BASE,
        NEWS_FEEDS: 'https://www.coindesk.com/arc/outboundfeeds/rss/, https://decrypt.co/feed',
      },
      { cwd: CWD },
    );
    assert.deepEqual(config.upstreams.rss.feeds, [
      { name: 'coindesk.com', url: 'https://www.coindesk.com/arc/outboundfeeds/rss' },
      { name: 'decrypt.co', url: 'https://decrypt.co/feed' },
    ]);
    const shared = loadConfig(
      { ...BASE, NEWS_FEEDS: 'https://a.example/one,https://a.example/two,https://b.example/x' },
      { cwd: CWD },
    );
    assert.deepEqual(
      shared.upstreams.rss.feeds.map((f) => f.name),
      ['a.example/one', 'a.example/two', 'b.example'],
    );
    const queried = loadConfig(
      {
        ...BASE,
        NEWS_FEEDS:
          'https://a.example/rss?c=btc,https://a.example/rss?c=eth,https://a.example/rss?c=eth',
      },
      { cwd: CWD },
    );
    assert.deepEqual(queried.upstreams.rss.feeds, [
      { name: 'a.example/rss?c=btc', url: 'https://a.example/rss?c=btc' },
      { name: 'a.example/rss?c=eth', url: 'https://a.example/rss?c=eth' },
    ]);
  });

  it('reports an unreadable feeds file under CONFIG_DIR', () => {
    const problems = problemsOf({ CONFIG_DIR: join(CWD, 'missing') });
    for (const file of ['providers', 'coins', 'tiers', 'feeds']) {
      assert.ok(
        problems.some((p) => new RegExp(`^CONFIG_DIR: cannot read .*${file}\\.json`).test(p)),
        `${file}.json in ${problems.join(' | ')}`,
      );
    }
  });

  it('picks the CoinGecko host and plan from the key', () => {
    const demo = loadConfig({ ...BASE, COINGECKO_API_KEY: 'CG-x' }, { cwd: CWD });
    assert.deepEqual(demo.upstreams.coingecko, {
      baseUrl: 'https://api.coingecko.com/api/v3',
      apiKey: 'CG-x',
      plan: 'demo',
    });
    const pro = loadConfig(
      { ...BASE, COINGECKO_API_KEY: 'CG-x', COINGECKO_API_PLAN: 'pro' },
      { cwd: CWD },
    );
    assert.equal(pro.upstreams.coingecko.baseUrl, 'https://pro-api.coingecko.com/api/v3');
    assert.deepEqual(problemsOf({ COINGECKO_API_PLAN: 'pro' }), [
      'COINGECKO_API_PLAN: expected only together with COINGECKO_API_KEY',
    ]);
  });

  it('gives Fear & Greed its own cache lifetime', () => {
    const config = loadConfig({ ...BASE, CACHE_TTL_FEAR_GREED: '120' }, { cwd: CWD });
    assert.deepEqual(config.cacheTtlSeconds, {
      prices: 300,
      ohlcv: 900,
      defi: 3600,
      fearGreed: 120,
      gas: 15,
      coinDetail: 300,
    });
  });

  it("validates every upstream plug-in's variables with the core ones, reporting all at once", () => {
    assert.deepEqual(
      problemsOf({
        KRAKEN_BASE_URL: 'ftp://x',
        LOG_LEVEL: 'loud',
        BINANCE_WS_URLS: 'http://a',
      }).sort(),
      [
        'BINANCE_WS_URLS: expected a comma-separated list of URLs starting with ws:// or wss://, got "http://a"',
        'KRAKEN_BASE_URL: expected a URL starting with http:// or https://, got "ftp://x"',
        'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      ],
    );
  });

  it("exposes each plug-in's settings and where it sends requests", () => {
    const config = loadConfig(
      { ...BASE, ETHERSCAN_API_KEY: 'E-key', FEAR_GREED_BASE_URL: 'http://127.0.0.1:9/x/' },
      { cwd: CWD },
    );
    assert.deepEqual(config.upstreams.etherscan, {
      baseUrl: 'https://api.etherscan.io/v2/api',
      apiKey: 'E-key',
    });
    assert.deepEqual(config.upstreams['alternative-me'], { baseUrl: 'http://127.0.0.1:9/x' });
    assert.equal(config.upstreamBaseUrls['alternative-me'], 'http://127.0.0.1:9/x');
    assert.equal(
      config.upstreamBaseUrls.binance,
      'https://api.binance.com,https://data-api.binance.vision,https://api.binance.us',
    );
    assert.equal(config.upstreamBaseUrls.rss, FEEDS[0].url);
  });
});
