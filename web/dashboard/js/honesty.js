import { h, fill } from './dom.js';
import { age } from './format.js';

/** A span whose text is kept as the age of `ms`; the ticker below updates every one on the page. */
export function ageSpan(ms) {
  return h('span', { class: 'age', 'data-at': ms, text: age(ms) });
}

export function startAgeTicker() {
  setInterval(() => {
    for (const span of document.querySelectorAll('[data-at]')) {
      span.textContent = age(Number(span.dataset.at));
    }
  }, 1000);
}

export function staleBadge(text = 'stale') {
  return h('span', { class: 'badge stale', text });
}

/**
 * Where an answer came from and how old it is, from its `meta`: the provider, the age of
 * `asOf`, and a stale badge when the service served it past its lifetime because every
 * provider failed.
 */
export function showMeta(el, meta, lead = 'from') {
  // The badge leads: a one-line meta may be cut at its end, the stale mark never.
  const parts = [meta.stale ? staleBadge('stale: providers failing') : null, `${lead} `];
  parts.push(h('strong', { text: meta.provider }), ' · ', ageSpan(Date.parse(meta.asOf)));
  if (meta.cached) {
    parts.push(' · cached');
  }
  el.classList.remove('problem');
  fill(el, ...parts);
}

/** What a failed answer says, with every provider the service tried and why each failed. */
export function problemContent(result) {
  const body = result.body ?? {};
  const status = result.status ? `HTTP ${result.status}: ` : '';
  const parts = [h('span', { text: `${status}${body.message ?? 'no data'}` })];
  if (result.status === 429 && body.retry_after) {
    parts.push(h('span', { text: ` Retry in ${body.retry_after} s.` }));
  }
  if (Array.isArray(body.attempted) && body.attempted.length > 0) {
    parts.push(
      h('span', { text: ' Providers tried:' }),
      h(
        'ul',
        { class: 'attempted' },
        ...body.attempted.map((a) =>
          h('li', { text: `${a.provider}: ${a.outcome}${a.reason ? ` (${a.reason})` : ''}` }),
        ),
      ),
    );
  }
  return parts;
}

export function showProblem(el, result) {
  el.hidden = false;
  el.classList.add('problem');
  fill(el, ...problemContent(result));
}
