import { currentKey } from './api.js';
import { byId } from './dom.js';
import { startAgeTicker } from './honesty.js';
import { connectLive } from './live.js';
import { candlesPanel } from './panels/candles.js';
import { defiPanel } from './panels/defi.js';
import { fearGreedPanel } from './panels/fear-greed.js';
import { keyPanel } from './panels/key.js';
import { marketPanel } from './panels/market.js';
import { newsPanel } from './panels/news.js';
import { loadHealth, loadJobs, providersPanel } from './panels/providers.js';
import { pricesPanel } from './panels/prices.js';

/** The coins of the price tiles in index.html. */
const WATCHLIST = [...document.querySelectorAll('#price-tiles [data-symbol]')].map(
  (tile) => tile.dataset.symbol,
);
/** The history panels ask for 30 days, or what the caller's tier may see when that is less. */
const HISTORY_DAYS = 30;
const MINUTE = 60_000;

const loadPrices = pricesPanel(WATCHLIST);
const loadCandles = candlesPanel(WATCHLIST);
const loadMarket = marketPanel();
const loadFearGreed = fearGreedPanel();
const loadDefi = defiPanel();
const loadNews = newsPanel(WATCHLIST);
const loadProviders = providersPanel();
let tier = 'free';
let days = 7;

function goLive() {
  const streamState = byId('stream-state');
  connectLive({
    key: currentKey(),
    channels: [...WATCHLIST.map((s) => `prices:${s}`), 'market', 'news', 'providers'],
    onState: (state) => {
      streamState.textContent = state.text;
      streamState.classList.toggle('down', !state.ok);
    },
  });
}

async function loadStatus() {
  await loadJobs(tier, await loadHealth());
}

/** Everything the page shows, loaded again (a new key changes tiers, limits and history depth). */
async function loadAll(me) {
  tier = me?.tier ?? 'free';
  days = Math.min(HISTORY_DAYS, me?.limits.history_days ?? HISTORY_DAYS);
  goLive();
  await Promise.all([
    loadPrices(),
    loadCandles(),
    loadMarket(),
    loadFearGreed(days),
    loadDefi(days),
    loadNews(),
    loadProviders(),
    loadStatus(),
  ]);
}

const describeKey = keyPanel(loadAll);
startAgeTicker();
void describeKey().then(loadAll);

// Slow-moving panels refresh on a timer; prices, news and provider status arrive on the stream.
setInterval(() => void Promise.all([loadMarket(), loadStatus()]), MINUTE);
setInterval(() => void loadProviders(), 2 * MINUTE);
setInterval(() => void Promise.all([loadFearGreed(days), loadDefi(days)]), 10 * MINUTE);
