import { getJson } from '../api.js';
import { byId, fill, h } from '../dom.js';
import { day } from '../format.js';
import { showMeta, showProblem } from '../honesty.js';

/** The index now and one bar per day of the history the caller's tier may see (30 at most). */
export function fearGreedPanel() {
  const meta = byId('fg-meta');
  const bars = byId('fg-bars');
  return async function load(days) {
    const result = await getJson(`/api/sentiment/fear-greed?limit=${days}`);
    if (!result.ok) {
      showProblem(meta, result);
      return;
    }
    const { current, history } = result.body.data;
    showMeta(meta, result.body.meta);
    byId('fg-value').textContent = String(current.value);
    byId('fg-class').textContent = current.classification;
    const oldestFirst = [...history].reverse();
    fill(
      bars,
      ...oldestFirst.map((point) => {
        const bar = h('span', {
          title: `${day(point.timestamp)}: ${point.value} (${point.classification})`,
        });
        bar.style.height = `${point.value}%`;
        return bar;
      }),
    );
    const first = oldestFirst[0];
    const last = oldestFirst.at(-1);
    const range = first
      ? `${history.length} days, ${day(first.timestamp)} to ${day(last.timestamp)}`
      : 'no stored days';
    bars.setAttribute('aria-label', `Fear and Greed index by day: ${range}`);
    byId('fg-range').textContent =
      history.length < days ? `${range} (fewer stored than the ${days} asked)` : range;
  };
}
