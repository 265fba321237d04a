import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { PriceFeed } from '../../src/realtime/feed/price-feed.service';
import { HOSTS } from '../fake-upstream/routes';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { REPO_ROOT } from '../support/test-app';
import { until } from '../support/waiting';
import { type Browser, collectProblems, launchChromium, watchLayoutShift } from './chromium';
import { pageMetrics } from './page-metrics';

/** In-page code below runs in the browser; the project compiles without the DOM library. */
declare const document: any;
declare const getComputedStyle: any;

/** Git-ignored; docs/ holds the copies shown in the README. */
const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'browser');
const BUDGET = { ownBytes: 100 * 1024, firstContentfulPaintMs: 1000, layoutShift: 0.01 };
/** Every upstream host of the fake: failing them all leaves the service nothing to ask. */
/** Every upstream the fake serves but the news feeds: new ones fail with the others. */
const UPSTREAM_HOSTS = Object.keys(HOSTS).filter((host) => host !== 'feeds' && host !== 'rss');

/** The fake-backed app with room for a loaded machine, and every collector run once. */
async function startApp(extra: Record<string, string> = {}): Promise<FakeBackedApp> {
  const t = await startFakeBackedApp({
    REALTIME_THROTTLE_MS: '0',
    REALTIME_POLL_SECONDS: '2',
    PROVIDER_TIMEOUT_MS: '5000',
    PROVIDER_DEADLINE_MS: '15000',
    ...extra,
  });
  try {
    for (const job of ['news', 'defi', 'fear-greed']) {
      const res = await fetch(`${t.running.url}/api/jobs/${job}/run`, {
        method: 'POST',
        headers: { 'X-API-Key': ADMIN_KEY },
      });
      assert.equal(res.status, 200, `${job} job: ${await res.text()}`);
    }
  } catch (error) {
    await t.stop();
    throw error;
  }
  return t;
}

/** Problems (console errors, exceptions, failed requests) of each page opened below. */
const problemsOf = new WeakMap<Page, string[]>();

/** Opens the dashboard and waits until every panel has drawn its first answer. */
async function openDashboard(browser: Browser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  problemsOf.set(page, collectProblems(page));
  await watchLayoutShift(page);
  await page.goto(`${url}/`);
  await page.waitForFunction(() => {
    const filled = (id: string): boolean =>
      !/Loading/.test(document.getElementById(id).textContent);
    return (
      ['market-meta', 'fg-meta', 'tvl-meta', 'news-meta', 'providers-meta'].every(filled) &&
      document.querySelectorAll('#price-tiles .age').length === 5 &&
      document.getElementById('candles').dataset.candles !== undefined
    );
  });
  return page;
}

function assetBase(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      document
        .querySelector('link[rel=stylesheet]')
        .getAttribute('href')
        .replace(/\/[^/]+$/, '') as string,
  );
}

describe('dashboard in Chromium', () => {
  let t: FakeBackedApp;
  let browser: Browser;

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startApp();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('loads without console errors, within the weight, first-paint and layout-shift budget', async (ctx) => {
    // A warm browser process: Chromium's own first start is not the page's first paint.
    const warm = await browser.context.newPage();
    await warm.goto(`${t.running.url}/api/health/live`);
    await warm.close();
    const loaded = await openDashboard(browser, t.running.url);
    // Data keeps arriving (stream ticks, age counters); shifts would show up meanwhile.
    await loaded.waitForTimeout(1500);
    const metrics = await pageMetrics(loaded, await assetBase(loaded));
    ctx.diagnostic(`page metrics: ${JSON.stringify(metrics)}`);
    assert.deepEqual(problemsOf.get(loaded), []);
    assert.ok(metrics.ownBytes <= BUDGET.ownBytes, `own code ${metrics.ownBytes} B`);
    assert.ok(
      metrics.firstContentfulPaintMs <= BUDGET.firstContentfulPaintMs,
      `FCP ${metrics.firstContentfulPaintMs} ms`,
    );
    assert.ok(
      metrics.cumulativeLayoutShift <= BUDGET.layoutShift,
      `CLS ${metrics.cumulativeLayoutShift}`,
    );
    await loaded.screenshot({ path: join(SCREENSHOTS, 'dashboard-desktop.png'), fullPage: true });
    await loaded.setViewportSize({ width: 390, height: 844 });
    await loaded.waitForTimeout(300);
    const overflow = await loaded.evaluate(() => document.documentElement.scrollWidth - 390);
    assert.ok(overflow <= 0, `the phone layout scrolls sideways by ${overflow} px`);
    await loaded.evaluate(() => document.defaultView.scrollTo(0, 0));
    await loaded.screenshot({ path: join(SCREENSHOTS, 'dashboard-phone.png') });
    await loaded.close();
  });

  it('shows every panel with the numbers the API served, each with its source and age', async () => {
    const page = await openDashboard(browser, t.running.url);
    const market = (await (await fetch(`${t.running.url}/api/market`)).json()) as any;
    const text = (id: string): Promise<string> => page.locator(`#${id}`).innerText();
    assert.match(await text('market-meta'), new RegExp(`from ${market.meta.provider}`));
    const rows = await page.locator('#top-coins tr').allInnerTexts();
    assert.match(rows[0], new RegExp(`^1\\s+${market.data.top[0].symbol}\\b`));
    assert.match(await text('fg-meta'), /from alternative-me/);
    assert.match(await text('fg-value'), /^\d+$/);
    assert.match(await text('tvl-meta'), /from (stored days|defillama)/);
    assert.match(await text('protocols'), /Lido/);
    assert.match(await text('news-list'), /BTC moves 1% as traders watch/);
    assert.match(await text('provider-rows'), /CoinGecko\s+active/);
    for (const tile of await page.locator('#price-tiles .src').allInnerTexts()) {
      assert.match(
        tile,
        /^(coingecko|binance|kraken|coincap|cryptocompare) · (just now|\d+ s ago)/,
      );
    }
    await page.close();
  });

  it('ticks prices live from the fake stream, flashing the tile', async () => {
    const page = await openDashboard(browser, t.running.url);
    const feed = t.running.app.get(PriceFeed);
    await until(
      () =>
        feed.streaming && t.fake.binanceStream.subscribedStreams().includes('ethusdt@miniTicker'),
      15_000,
    );
    const tile = page.locator('#price-tiles [data-symbol=ETH]');
    for (const price of [3456.78, 3321.09]) {
      t.fake.binanceStream.pushTicker('ETHUSDT', price);
      // The flash lasts 0.7 s: checked in the same frame as the new price.
      await page.waitForFunction(
        (want) => {
          const tile = document.querySelector('[data-symbol=ETH]');
          return (
            tile.querySelector('.price').textContent === want &&
            /flash-(up|down)/.test(tile.className)
          );
        },
        `$${price.toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
      );
      assert.match(await tile.locator('.src').innerText(), /^binance · (just now|1 s ago)/);
    }
    await page.close();
  });

  it("draws the fake's candles, then another interval chosen from the keyboard", async () => {
    const page = await openDashboard(browser, t.running.url);
    const box = page.locator('#candles');
    // The API's answer (a cache hit now) is what the fake served to the page's request.
    const candles = async (interval: string): Promise<any> =>
      (await fetch(`${t.running.url}/api/ohlcv?symbol=BTC&interval=${interval}`)).json();
    const hourly = await candles('1h');
    assert.ok(hourly.meta.attempted.some((a: any) => a.outcome === 'ok'));
    assert.equal(Number(await box.getAttribute('data-candles')), hourly.data.length);
    assert.equal(Number(await box.getAttribute('data-last-close')), hourly.data.at(-1).close);
    assert.match(
      await page.locator('#candles-meta').innerText(),
      new RegExp(`${hourly.data.length} candles from ${hourly.meta.provider}`),
    );
    const drawn = await page.evaluate(() => {
      const up = getComputedStyle(document.documentElement).getPropertyValue('--up').trim();
      const rgb = [1, 3, 5].map((i) => parseInt(up.slice(i, i + 2), 16));
      let pixels = 0;
      for (const canvas of document.querySelectorAll('#candles canvas')) {
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 0; i < data.length; i += 4) {
          pixels += rgb.every((c: number, k: number) => Math.abs(data[i + k] - c) < 8) ? 1 : 0;
        }
      }
      return pixels;
    });
    assert.ok(drawn > 100, `${drawn} pixels in the up colour`);

    await page.locator('[data-interval="1h"]').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      /4h candles/.test(document.getElementById('candles').getAttribute('aria-label')),
    );
    assert.equal(await page.locator('[data-interval="4h"]').getAttribute('aria-pressed'), 'true');
    const fourHours = await candles('4h');
    assert.equal(Number(await box.getAttribute('data-candles')), fourHours.data.length);
    assert.equal(Number(await box.getAttribute('data-last-close')), fourHours.data.at(-1).close);
    await page.close();
  });

  it('reaches every control with the Tab key, each with a visible focus ring', async () => {
    const page = await openDashboard(browser, t.running.url);
    // Controls are named by what they are, so panels redrawing (a headline arriving) change nothing.
    const names = (): Promise<string[]> =>
      page.evaluate(() =>
        [...document.querySelectorAll('a[href], button, input, select, [tabindex="0"]')].map(
          (el: any) =>
            [el.tagName, el.id, el.getAttribute('href'), el.dataset.interval, el.dataset.copy].join(
              '|',
            ),
        ),
      );
    const controls = await names();
    const reached = new Set<string>();
    for (let i = 0; i < 3 * controls.length && reached.size < controls.length; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return {
          name: [
            el.tagName,
            el.id,
            el.getAttribute('href'),
            el.dataset.interval,
            el.dataset.copy,
          ].join('|'),
          outline: getComputedStyle(el).outlineStyle,
        };
      });
      if (focused.name !== 'BODY||||') {
        reached.add(focused.name);
        assert.notEqual(focused.outline, 'none', `${focused.name} shows no focus`);
      }
    }
    assert.deepEqual(
      controls.filter((name) => !reached.has(name)),
      [],
      `reached ${reached.size} of ${controls.length} controls`,
    );
    await page.close();
  });
});

describe('dashboard in Chromium when every provider fails', () => {
  let t: FakeBackedApp;
  let browser: Browser;

  before(async () => {
    t = await startApp({ CACHE_TTL_PRICES: '1', CACHE_TTL_OHLCV: '1', CACHE_TTL_DEFI: '1' });
    browser = await launchChromium({ colorScheme: 'dark' });
    // One healthy visit fills the caches and the database, as a running service would have.
    await (await openDashboard(browser, t.running.url)).close();
    for (const host of UPSTREAM_HOSTS) {
      t.fake.inject(host, { type: 'status', status: 503 });
    }
    t.fake.binanceStream.drop();
    await new Promise((r) => setTimeout(r, 1500));
  });

  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('marks what it still has stale and names the providers tried for what it has not', async () => {
    const page = await openDashboard(browser, t.running.url);
    // Prices: the cached quotes served stale, or (once the cache let them go) a 503 naming the
    // providers; either way no tile passes for current.
    await page.waitForFunction(
      () =>
        document.querySelectorAll('#price-tiles .badge.stale').length === 5 ||
        /Providers tried/.test(document.getElementById('prices-problem').textContent),
    );
    const problem = page.locator('#prices-problem');
    if (await problem.isVisible()) {
      assert.match(await problem.innerText(), /coingecko: upstream_5xx/);
    } else {
      for (const tile of await page.locator('#price-tiles .src').allInnerTexts()) {
        assert.match(tile, /stale: providers failing/);
      }
    }
    assert.match(await page.locator('#market-meta').innerText(), /stale: providers failing/);

    // SOL's daily candles were never fetched: nothing to fall back on.
    await page.locator('#chart-coin').selectOption('SOL');
    await page.locator('[data-interval="1d"]').click();
    const empty = page.locator('#candles .empty');
    await empty.waitFor({ state: 'visible' });
    const said = await empty.innerText();
    assert.match(said, /HTTP 503/);
    assert.match(said, /Providers tried:/);
    for (const provider of ['binance', 'kraken', 'cryptocompare']) {
      assert.match(said, new RegExp(`${provider}: upstream_5xx`));
    }
    assert.equal(await page.locator('#candles').getAttribute('data-candles'), '0');
    await page.screenshot({
      path: join(SCREENSHOTS, 'dashboard-failing-dark.png'),
      fullPage: true,
    });
    await page.close();
  });
});
