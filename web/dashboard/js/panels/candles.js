import { CandlestickSeries, createChart } from '../../vendor/lightweight-charts.mjs';
import { getJson } from '../api.js';
import { byId, fill, h } from '../dom.js';
import { price } from '../format.js';
import { problemContent, showMeta } from '../honesty.js';
import { onEvent } from '../live.js';
import { followScheme } from './chart-theme.js';

const INTERVALS = { '15m': 900, '1h': 3600, '4h': 14400, '1d': 86400 };

/**
 * Candles of one coin from /api/ohlcv; the stream's prices for that coin move the last candle,
 * or open the next one at the first price of its period, between loads.
 */
export function candlesPanel(watchlist) {
  const box = byId('candles');
  const meta = byId('candles-meta');
  const coin = byId('chart-coin');
  const group = byId('chart-intervals');
  const state = { symbol: watchlist[0], interval: '1h', last: null, loading: 0 };
  const chart = createChart(box, { autoSize: true, layout: { attributionLogo: false } });
  const series = chart.addSeries(CandlestickSeries, {});
  const empty = h('div', { class: 'empty', hidden: true });
  box.append(empty);
  followScheme((theme) => {
    chart.applyOptions(theme.options);
    series.applyOptions({
      upColor: theme.up,
      downColor: theme.down,
      borderUpColor: theme.up,
      borderDownColor: theme.down,
      wickUpColor: theme.up,
      wickDownColor: theme.down,
    });
  });

  for (const symbol of watchlist) {
    coin.append(h('option', { value: symbol, text: symbol }));
  }
  const buttons = Object.keys(INTERVALS).map((interval) =>
    h('button', {
      type: 'button',
      'data-interval': interval,
      'aria-pressed': String(interval === state.interval),
      text: interval,
    }),
  );
  group.append(...buttons);

  const describe = (data) => {
    const last = data.at(-1);
    box.setAttribute(
      'aria-label',
      `Candlestick chart of ${state.symbol}, ${state.interval} candles: ${data.length}${last ? `, last close ${price(last.close)}` : ''}`,
    );
    box.dataset.candles = String(data.length);
    box.dataset.lastClose = last ? String(last.close) : '';
  };

  const load = async () => {
    const ticket = ++state.loading;
    const result = await getJson(`/api/ohlcv?symbol=${state.symbol}&interval=${state.interval}`);
    if (ticket !== state.loading) {
      return;
    }
    if (!result.ok) {
      series.setData([]);
      state.last = null;
      describe([]);
      fill(empty, ...problemContent(result));
      empty.hidden = false;
      fill(meta, `No candles for ${state.symbol}.`);
      return;
    }
    const data = result.body.data.map((c) => ({
      time: Date.parse(c.open_time) / 1000,
      open: c.open,
      high: c.high,
      low: c.low,
      close: c.close,
    }));
    series.setData(data);
    chart.timeScale().fitContent();
    state.last = data.at(-1) ?? null;
    empty.hidden = data.length > 0;
    fill(empty, 'No candles stored or served for this range.');
    describe(data);
    showMeta(meta, result.body.meta, `${data.length} candles from`);
  };

  coin.addEventListener('change', () => {
    state.symbol = coin.value;
    void load();
  });
  for (const button of buttons) {
    button.addEventListener('click', () => {
      state.interval = button.dataset.interval;
      buttons.forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
      void load();
    });
  }

  onEvent('price', (event) => {
    const last = state.last;
    if (event.symbol !== state.symbol || !last) {
      return;
    }
    const seconds = INTERVALS[state.interval];
    const open = Math.floor(event.ts / 1000 / seconds) * seconds;
    if (open < last.time) {
      return;
    }
    const bar =
      open === last.time
        ? {
            ...last,
            high: Math.max(last.high, event.price),
            low: Math.min(last.low, event.price),
            close: event.price,
          }
        : {
            time: open,
            open: event.price,
            high: event.price,
            low: event.price,
            close: event.price,
          };
    series.update(bar);
    state.last = bar;
  });

  return load;
}
