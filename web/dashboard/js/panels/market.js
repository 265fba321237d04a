import { getJson } from '../api.js';
import { byId, fill, h } from '../dom.js';
import { compactUsd, count, pct, price, trend } from '../format.js';
import { showMeta, showProblem } from '../honesty.js';
import { onEvent } from '../live.js';

const TOP_ROWS = 10;

function figure(label, value, cls = '') {
  return h('div', {}, h('dt', { text: label }), h('dd', { class: cls, text: value }));
}

/** /api/market: totals, dominance and the top coins (the overview's own `top` list). */
export function marketPanel() {
  const figures = byId('market-figures');
  const rows = byId('top-coins');
  const meta = byId('market-meta');
  // Empty rows hold the table's height until the data arrives: no layout shift.
  const blank = () =>
    Array.from({ length: TOP_ROWS }, () => h('tr', {}, h('td', { colspan: 5, text: '\u00a0' })));
  fill(rows, ...blank());

  const load = async () => {
    const result = await getJson('/api/market');
    if (!result.ok) {
      showProblem(meta, result);
      return;
    }
    const { data } = result.body;
    showMeta(meta, result.body.meta);
    fill(
      figures,
      figure('Market cap', compactUsd(data.total_market_cap_usd)),
      figure(
        'Cap 24 h',
        pct(data.market_cap_change_24h_pct),
        trend(data.market_cap_change_24h_pct),
      ),
      figure('Volume 24 h', compactUsd(data.total_volume_24h_usd)),
      figure('BTC dominance', pct(data.btc_dominance, 1).replace('+', '')),
      figure('ETH dominance', pct(data.eth_dominance, 1).replace('+', '')),
      figure('Coins tracked', count(data.active_cryptocurrencies)),
    );
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
