import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/core/config/config.error';
import { loadConfig } from '../../src/core/config/load-config';

/** What the configuration unit tests share: a working folder, a config folder and environments. */
export const CWD = mkdtempSync(join(tmpdir(), 'cdt-config-'));
export const FEEDS = [{ name: 'Example', url: 'https://news.example/rss' }];
function withFeeds(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdt-config-dir-'));
  cpSync(join(__dirname, '..', '..', '..', 'config'), dir, { recursive: true });
  writeFileSync(join(dir, 'feeds.json'), JSON.stringify(FEEDS));
  return dir;
}
export const FILES = { CONFIG_DIR: withFeeds(), DATA_DIR: join(CWD, 'data') };
export const BASE = { ...FILES, NODE_ENV: 'development' };
export const PROD_SECRETS = {
  NODE_ENV: 'production',
  // Random-looking: a repeated character is refused as too predictable.
  JWT_SECRET_KEY: 'kQ7v-Lp2xZ9rT4mW8nB3sD6fH1jG5cY0aE',
  API_KEY_SALT: 'sR4t_Uv8wX2yZ6aB0cD3eF7gH1iJ5kL9mN',
};

export const GENERATE_HINT = `(generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))")`;

/** The problems loadConfig reports for this environment (it must refuse it). */
export function problemsOf(
  env: Record<string, string>,
  base: Record<string, string> = BASE,
): string[] {
  try {
    loadConfig({ ...base, ...env }, { cwd: CWD });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}
