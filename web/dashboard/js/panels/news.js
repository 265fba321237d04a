import { getJson } from '../api.js';
import { byId, fill, h } from '../dom.js';
import { ageSpan, showProblem } from '../honesty.js';
import { onEvent } from '../live.js';

const PAGE = 15;

function sentimentBadge(sentiment) {
  if (!sentiment) {
    return h('span', { class: 'badge none', text: 'not scored' });
  }
  const score =
    typeof sentiment.score === 'number' ? ` ${Math.round(sentiment.score * 100)} %` : '';
  return h('span', {
    class: `badge ${['positive', 'negative', 'neutral'].includes(sentiment.label) ? sentiment.label : 'none'}`,
    text: `${sentiment.label}${score}`,
    title: sentiment.model ? `scored by ${sentiment.model}` : undefined,
  });
}

function item(news) {
  return h(
    'li',
    {},
    h('a', { href: news.url, rel: 'noopener noreferrer', target: '_blank', text: news.title }),
    sentimentBadge(news.sentiment),
    h(
      'div',
      { class: 'src' },
      `${news.source} · `,
      ageSpan(Date.parse(news.published_at)),
      news.symbols.length ? ` · ${news.symbols.join(', ')}` : '',
    ),
  );
}

/** Stored headlines (/api/news) filtered by coin and feed; reloaded when the stream says new ones landed. */
export function newsPanel(watchlist) {
  const list = byId('news-list');
  const meta = byId('news-meta');
  const coin = byId('news-coin');
  const source = byId('news-source');
  const seen = new Set();
  coin.append(...watchlist.map((symbol) => h('option', { value: symbol, text: symbol })));

  const loadSources = async () => {
    const result = await getJson('/api/news/sources');
    if (result.ok) {
      const chosen = source.value;
      fill(
        source,
        h('option', { value: '', text: 'All' }),
        ...result.body.data.map((s) => h('option', { value: s.name, text: s.name })),
      );
      source.value = chosen;
    }
  };

  const load = async () => {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (coin.value) {
      query.set('symbol', coin.value);
    }
    if (source.value) {
      query.set('source', source.value);
    }
    const result = await getJson(`/api/news?${query}`);
    if (!result.ok) {
      showProblem(meta, result);
      return;
    }
    const { data, meta: page } = result.body;
    data.forEach((news) => seen.add(news.url));
    fill(
      list,
      ...(data.length
        ? data.map(item)
        : [h('li', { class: 'empty', text: 'No stored headlines match.' })]),
    );
    meta.classList.remove('problem');
    fill(meta, `${data.length} of ${page.total} stored headlines · from /api/news, newest first`);
  };

  coin.addEventListener('change', () => void load());
  source.addEventListener('change', () => void load());
  // A new subscriber gets the last event again: only headlines not seen yet mean a reload.
  onEvent('news', (items) => {
    if (items.some((news) => !seen.has(news.url))) {
      void Promise.all([load(), loadSources()]);
    }
  });
  return () => Promise.all([loadSources(), load()]);
}
