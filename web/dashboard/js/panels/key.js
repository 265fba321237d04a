import { currentKey, getJson, setKey } from '../api.js';
import { byId, fill, h } from '../dom.js';
import { count } from '../format.js';
import { showProblem } from '../honesty.js';

const STORAGE = 'cdt-api-key';

function windowName(seconds) {
  if (seconds === 60) {
    return 'minute';
  }
  return seconds === 86400 ? 'day' : `${seconds} s`;
}

function snippets(key) {
  const origin = location.origin;
  const header = key ? ` -H 'X-API-Key: ${key}'` : '';
  byId('curl-snippet').textContent = `curl${header} '${origin}/api/prices?symbols=BTC,ETH'`;
  const auth = key ? `, { auth: { token: '${key}' } }` : '';
  byId('io-snippet').textContent = [
    "import { io } from 'socket.io-client';",
    `const socket = io('${origin}'${auth});`,
    "socket.on('connect', () => socket.emit('subscribe', { channels: ['prices:BTC'] }, console.log));",
    "socket.on('price', (p) => console.log(p.symbol, p.price, p.provider));",
  ].join('\n');
}

/**
 * "Your key": the pasted key lives in this module's memory, or in session storage when asked,
 * never anywhere else. `/api/auth/me` says its tier and limits; its rate-limit headers say what
 * is left. `onChange` reloads the panels and the stream with the new credentials.
 */
export function keyPanel(onChange) {
  const form = byId('key-form');
  const input = byId('key-input');
  const remember = byId('key-remember');
  const tierEl = byId('key-tier');
  const stored = sessionStorage.getItem(STORAGE);
  if (stored) {
    setKey(stored);
    remember.checked = true;
  }

  const figure = (label, value) => h('div', {}, h('dt', { text: label }), h('dd', { text: value }));

  const describe = async () => {
    const result = await getJson('/api/auth/me');
    if (!result.ok) {
      showProblem(tierEl, result);
      return null;
    }
    const me = result.body;
    const limit = result.headers.get('X-RateLimit-Limit');
    const remaining = result.headers.get('X-RateLimit-Remaining');
    tierEl.classList.remove('problem');
    tierEl.textContent = me.key_id ? `Key ${me.key_id}: ${me.tier} tier` : 'Anonymous: free tier';
    fill(
      byId('key-limits'),
      figure(
        'Requests',
        me.limits.requests
          .map((r) => `${count(r.limit)} / ${windowName(r.window_seconds)}`)
          .join(', ') || 'unlimited',
      ),
      figure(
        'Left this window',
        remaining === null
          ? 'not limited'
          : `${count(Number(remaining))} of ${count(Number(limit))}`,
      ),
      figure('Coins per call', me.limits.max_symbols ?? 'any'),
      figure(
        'History',
        me.limits.history_days === null ? 'all stored' : `${me.limits.history_days} days`,
      ),
      figure('Subscriptions', me.limits.max_subscriptions ?? 'any'),
    );
    snippets(currentKey());
    return me;
  };

  const use = async (key) => {
    setKey(key);
    sessionStorage.removeItem(STORAGE);
    if (key && remember.checked) {
      sessionStorage.setItem(STORAGE, key);
    }
    input.value = '';
    const me = await describe();
    if (me) {
      await onChange(me);
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void use(input.value.trim());
  });
  byId('key-forget').addEventListener('click', () => {
    remember.checked = false;
    void use(null);
  });
  for (const button of document.querySelectorAll('[data-copy]')) {
    button.addEventListener('click', async () => {
      const text = byId(button.dataset.copy).textContent;
      const done = await navigator.clipboard?.writeText(text).then(
        () => true,
        () => false,
      );
      button.textContent = done ? 'Copied' : 'Select and copy';
      setTimeout(() => (button.textContent = 'Copy'), 1500);
    });
  }
  return describe;
}
