import { getJson } from '../api.js';
import { byId, fill, h } from '../dom.js';
import { compactUsd, count, pct, price, trend } from '../format.js';
import { showMeta, showProblem } from '../honesty.js';
import { onEvent } from '../live.js';

const TOP_ROWS = 10;
const dominance = (value) => pct(value, 1).replace('+', '');
/** Label, value and colour of each figure (index.html holds them with dashes until the data). */
const FIGURES = [
  ['Market cap', (d) => compactUsd(d.total_market_cap_usd)],
  ['Cap 24 h', (d) => pct(d.market_cap_change_24h_pct), (d) => trend(d.market_cap_change_24h_pct)],
  ['Volume 24 h', (d) => compactUsd(d.total_volume_24h_usd)],
  ['BTC dominance', (d) => dominance(d.btc_dominance)],
  ['ETH dominance', (d) => dominance(d.eth_dominance)],
  ['Coins tracked', (d) => count(d.active_cryptocurrencies)],
];

function figure(label, value, cls = '') {
  return h('div', {}, h('dt', { text: label }), h('dd', { class: cls, text: value }));
}

/** /api/market: totals, dominance and the top coins (the overview's own `top` list). */
export function marketPanel() {
  const figures = byId('market-figures');
  const rows = byId('top-coins');
  const meta = byId('market-meta');
  // Empty rows hold the table's height when fewer coins come back: no layout shift.
  const blank = () =>
    Array.from({ length: TOP_ROWS }, () => h('tr', {}, h('td', { colspan: 5, text: '\u00a0' })));

  const load = async () => {
    const result = await getJson('/api/market');
    if (!result.ok) {
      showProblem(meta, result);
      return;
    }
    const { data } = result.body;
    showMeta(meta, result.body.meta);
    fill(figures, ...FIGURES.map(([label, value, cls]) => figure(label, value(data), cls?.(data))));
    const top = data.top
      .slice(0, TOP_ROWS)
      .map((c) =>
        h(
          'tr',
          {},
          h('td', { text: c.rank }),
          h('td', { text: c.symbol, title: `${c.name} · ${c.provider}` }),
          h('td', { class: 'num', text: price(c.price) }),
          h('td', { class: `num ${trend(c.change_24h)}`, text: pct(c.change_24h) }),
          h('td', { class: 'num', text: compactUsd(c.market_cap) }),
        ),
      );
    fill(rows, ...top, ...blank().slice(top.length));
  };
  // The event says a new overview was fetched; the API answer carries its source and age.
  onEvent('market', () => void load());
  return load;
}
