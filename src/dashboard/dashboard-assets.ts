import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The chart library's standalone ES module: one file, no imports, served as it is installed. */
export const CHART_LIBRARY_FILE = join(
  dirname(require.resolve('lightweight-charts/package.json')),
  'dist',
  'lightweight-charts.standalone.production.mjs',
);

/** Where the page's files live in URLs; the version makes every name unique to its content. */
export const ASSETS_PREFIX = '/dashboard';

export interface DashboardAssets {
  /** A hash of every file the page loads: part of each asset URL, so they can be cached forever. */
  version: string;
  /** URL prefix of this version's files. */
  base: string;
  /** index.html with the versioned asset URLs filled in. */
  html: string;
}

/**
 * Reads the dashboard's files once at start-up. Hashing them all into one version (rather than
 * naming each file by its own hash) keeps the ES modules' relative imports as written: they all
 * resolve under the same versioned folder.
 */
export function loadDashboardAssets(dir: string): DashboardAssets {
  const hash = createHash('sha256');
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (/\.(html|css|js|svg)$/.test(file)) {
      hash.update(file).update(readFileSync(join(dir, file)));
    }
  }
  hash.update(readFileSync(CHART_LIBRARY_FILE));
  const version = hash.digest('hex').slice(0, 16);
  const base = `${ASSETS_PREFIX}/${version}`;
  const html = readFileSync(join(dir, 'index.html'), 'utf8').replaceAll('{{assets}}', base);
  return { version, base, html };
}
