/**
 * Chart colours from the page's CSS variables, so the charts follow light and dark. The
 * library's attribution logo injects a <style> element the page's CSP refuses; the footer
 * carries the attribution notice and the link to tradingview.com that its licence asks for.
 */
export function chartTheme() {
  const css = getComputedStyle(document.documentElement);
  const v = (name) => css.getPropertyValue(name).trim();
  return {
    up: v('--up'),
    down: v('--down'),
    accent: v('--accent'),
    options: {
      layout: {
        background: { color: v('--card') },
        textColor: v('--muted'),
        attributionLogo: false,
      },
      grid: { vertLines: { color: v('--line') }, horzLines: { color: v('--line') } },
      rightPriceScale: { borderColor: v('--line') },
      timeScale: { borderColor: v('--line'), timeVisible: true },
    },
  };
}

/** Calls `apply` now and whenever the system switches between light and dark. */
export function followScheme(apply) {
  apply(chartTheme());
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => apply(chartTheme()));
}
