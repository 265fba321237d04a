import { AreaSeries, createChart } from '../../vendor/lightweight-charts.mjs';
import { getJson } from '../api.js';
import { byId, fill, h } from '../dom.js';
import { compactUsd, pct, trend } from '../format.js';
import { showMeta, showProblem, staleBadge } from '../honesty.js';
import { followScheme } from './chart-theme.js';

const PROTOCOL_ROWS = 8;

/** Total TVL by day (/api/defi/tvl-chart) and the largest protocols (/api/defi). */
export function defiPanel() {
  const box = byId('tvl-chart');
  const chart = createChart(box, {
    autoSize: true,
    handleScroll: false,
    handleScale: false,
    layout: { attributionLogo: false },
    localization: { priceFormatter: compactUsd },
  });
  const series = chart.addSeries(AreaSeries, {
    priceFormat: { type: 'price', precision: 0, minMove: 1 },
  });
  followScheme((theme) => {
    chart.applyOptions({
      ...theme.options,
      timeScale: { ...theme.options.timeScale, timeVisible: false },
    });
    series.applyOptions({
      lineColor: theme.accent,
      topColor: `${theme.accent}66`,
      bottomColor: `${theme.accent}08`,
    });
  });
  const rows = byId('protocols');
  const blank = () =>
    Array.from({ length: PROTOCOL_ROWS }, () =>
      h('tr', {}, h('td', { colspan: 4, text: '\u00a0' })),
    );

  const loadTvl = async (days) => {
    const meta = byId('tvl-meta');
    const result = await getJson(`/api/defi/tvl-chart?days=${days}`);
    if (!result.ok) {
      series.setData([]);
      showProblem(meta, result);
      return;
    }
    const { data } = result.body;
    const tvlMeta = result.body.meta;
    series.setData(data.map((p) => ({ time: Date.parse(p.date) / 1000, value: p.tvl })));
    chart.timeScale().fitContent();
    box.setAttribute(
      'aria-label',
      `Total DeFi TVL by day: ${data.length} days, latest ${compactUsd(data.at(-1)?.tvl)}`,
    );
    const source = tvlMeta.provider === 'database' ? 'stored days' : tvlMeta.provider;
    showMeta(meta, { ...tvlMeta, provider: `${source} (${data.length} days)` });
    if (tvlMeta.backfill_failed) {
      meta.prepend(staleBadge(`gap not filled: ${tvlMeta.backfill_failed.message}`));
    }
  };

  const loadProtocols = async () => {
    const meta = byId('protocols-meta');
    const result = await getJson(`/api/defi?limit=${PROTOCOL_ROWS}`);
    if (!result.ok) {
      showProblem(meta, result);
      return;
    }
    showMeta(meta, result.body.meta);
    const found = result.body.data.map((p) =>
      h(
        'tr',
        {},
        h('td', { text: p.name }),
        h('td', { text: p.category ?? '–' }),
        h('td', { class: 'num', text: compactUsd(p.tvl) }),
        h('td', { class: `num ${trend(p.change_1d)}`, text: pct(p.change_1d) }),
      ),
    );
    fill(rows, ...found, ...blank().slice(found.length));
  };

  return (days) => Promise.all([loadTvl(days), loadProtocols()]);
}
