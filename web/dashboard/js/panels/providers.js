import { getJson } from '../api.js';
import { byId, fill, h } from '../dom.js';
import { ageSpan, showProblem } from '../honesty.js';
import { onEvent } from '../live.js';

function lastError(p) {
  const error = p.health.last_error;
  return error ? `${error.kind}: ${error.message}` : (p.unavailable_reason ?? '–');
}

function statusBadge(status) {
  return h('span', { class: `badge ${status === 'active' ? 'positive' : 'bad'}`, text: status });
}

/** Provider health (/api/providers: `{data, meta}`, status changes live), the jobs and the service's health. */
export function providersPanel() {
  const rows = byId('provider-rows');
  const meta = byId('providers-meta');
  const cells = new Map();

  const row = (p) => {
    const status = h('td', {}, statusBadge(p.status));
    const score = h('td', { class: 'num', text: p.health_score });
    cells.set(p.id, { status, score });
    return h(
      'tr',
      {},
      h('td', { text: p.name, title: p.id }),
      status,
      score,
      h('td', { text: p.breaker }),
      h('td', {
        class: 'num',
        text: p.health.latency_p95_ms === null ? '–' : `${p.health.latency_p95_ms} ms`,
      }),
      h('td', { class: 'err', text: lastError(p) }),
    );
  };

  onEvent('providers', (changes) => {
    for (const change of changes) {
      const found = cells.get(change.id);
      if (found) {
        fill(found.status, statusBadge(change.status));
        found.score.textContent = String(change.health_score);
      }
    }
  });

  return async function load() {
    const result = await getJson('/api/providers');
    if (!result.ok) {
      showProblem(meta, result);
      return;
    }
    fill(rows, ...result.body.data.map(row));
    meta.classList.remove('problem');
    fill(meta, 'from /api/providers · loaded ', ageSpan(Date.now()), ' · status and score live');
  };
}

/** The header's health line from /api/health. */
export async function loadHealth() {
  const el = byId('service-status');
  const result = await getJson('/api/health');
  const body = result.body;
  el.dataset.state = result.ok ? body.status : 'down';
  const uptime = body.metrics ? ` · up ${Math.round(body.metrics.uptime_seconds / 60)} min` : '';
  const text = body.status ? `Service ${body.status}${uptime}` : `Health unknown: ${body.message}`;
  el.querySelector('.status-text').textContent = text;
  return body;
}

/** Each job's last run for admin keys (/api/jobs); everyone else sees the health summary. */
export async function loadJobs(tier, health) {
  const el = byId('jobs');
  if (tier !== 'admin') {
    const summary = health?.components?.jobs;
    fill(
      el,
      summary ? `${summary.status}: ${summary.message}. ` : '',
      'Each job\u2019s last run needs an admin key (see Your key).',
    );
    return;
  }
  const result = await getJson('/api/jobs');
  if (!result.ok) {
    showProblem(el, result);
    return;
  }
  const line = (job) =>
    h(
      'tr',
      {},
      h('td', { text: job.name }),
      h(
        'td',
        {},
        job.last_run
          ? ageSpan(Date.parse(job.last_run.finished_at ?? job.last_run.started_at))
          : 'never',
      ),
      h('td', {
        class: job.last_run?.error ? 'err' : '',
        text: job.last_run ? (job.last_run.error ?? job.last_run.result) : '–',
      }),
    );
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col', text: 'Job' }),
    h('th', { scope: 'col', text: 'Last run' }),
    h('th', { scope: 'col', text: 'Outcome' }),
  );
  fill(
    el,
    h(
      'div',
      { class: 'table-box' },
      h('table', {}, h('thead', {}, head), h('tbody', {}, ...result.body.data.map(line))),
    ),
  );
}
