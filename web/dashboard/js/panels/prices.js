import { getJson } from '../api.js';
import { byId, fill } from '../dom.js';
import { pct, price, trend } from '../format.js';
import { ageSpan, showProblem, staleBadge } from '../honesty.js';
import { onEvent } from '../live.js';

/** A tile without a new value for this long is marked stale: the feed polls every few seconds. */
const STALE_AFTER_MS = 120_000;
/** What a stale answer (`meta.stale`) means: the service could not refresh the value just now. */
const FAILING = 'stale: providers failing';

/**
 * One tile per watched coin (index.html holds them, so nothing moves when data arrives): price,
 * 24 h change, the provider and the age of the value.
 */
export function pricesPanel(watchlist) {
  const tiles = new Map();
  for (const el of byId('price-tiles').querySelectorAll('[data-symbol]')) {
    const tile = {
      el,
      price: el.querySelector('.price'),
      change: el.querySelector('.change'),
      src: el.querySelector('.src'),
      value: undefined,
      at: 0,
    };
    tiles.set(el.dataset.symbol, tile);
  }

  const show = (tile, quote, { stale = false } = {}) => {
    const direction = tile.value === undefined ? '' : trend(quote.price - tile.value);
    tile.value = quote.price;
    tile.at = quote.at;
    tile.price.textContent = price(quote.price);
    tile.change.textContent = pct(quote.change_24h);
    tile.change.className = `change ${trend(quote.change_24h)}`;
    fill(tile.src, `${quote.provider} · `, ageSpan(quote.at), stale ? staleBadge(FAILING) : null);
    tile.el.classList.toggle('stale', stale);
    tile.el.classList.remove('unavailable');
    if (direction) {
      tile.el.classList.remove('flash-up', 'flash-down');
      tile.el.classList.add(`flash-${direction}`);
      setTimeout(() => tile.el.classList.remove(`flash-${direction}`), 700);
    }
  };

  const unavailable = (tile, why) => {
    if (tile.value === undefined) {
      tile.el.classList.add('unavailable');
      fill(tile.src, why);
    }
  };

  const markStale = (tile, why) => {
    if (!tile.el.classList.contains('stale')) {
      tile.el.classList.add('stale');
      tile.src.append(staleBadge(why));
    }
  };

  onEvent('price', (event) => {
    const tile = tiles.get(event.symbol);
    // Strictly newer: the snapshot a new subscription replays must not clear a stale mark.
    if (tile && event.ts > tile.at) {
      show(tile, { ...event, at: event.ts });
    }
  });

  // Values that stopped moving are said to be stale rather than shown as current.
  setInterval(() => {
    for (const tile of tiles.values()) {
      if (tile.value !== undefined && Date.now() - tile.at > STALE_AFTER_MS) {
        markStale(tile, 'stale: no update for 2 min');
      }
    }
  }, 5000);

  return async function load() {
    const problem = byId('prices-problem');
    const result = await getJson(`/api/prices?symbols=${watchlist.join(',')}`);
    if (!result.ok) {
      showProblem(problem, result);
      tiles.forEach((tile) => unavailable(tile, 'unavailable: see below'));
      return;
    }
    problem.hidden = true;
    const { data, meta } = result.body;
    for (const quote of data) {
      const tile = tiles.get(quote.symbol);
      const at = Date.parse(quote.last_updated ?? meta.asOf);
      if (tile && at >= tile.at) {
        show(tile, { ...quote, at }, { stale: meta.stale });
      } else if (tile && meta.stale) {
        // The tile holds a newer streamed value, but the service just said it cannot refresh.
        markStale(tile, FAILING);
      }
    }
    for (const symbol of meta.missing ?? []) {
      unavailable(tiles.get(symbol), 'no provider has this coin now');
    }
  };
}
