import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { loadDashboardAssets } from './dashboard-assets';

describe('loadDashboardAssets', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cdt-dashboard-'));
    mkdirSync(join(dir, 'js'));
    writeFileSync(
      join(dir, 'index.html'),
      '<link href="{{assets}}/a.css"><script src="{{assets}}/js/m.js">',
    );
    writeFileSync(join(dir, 'a.css'), 'body{}');
    writeFileSync(join(dir, 'js', 'm.js'), 'export {};');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fills every asset URL with the versioned prefix', () => {
    const assets = loadDashboardAssets(dir);
    assert.match(assets.version, /^[0-9a-f]{16}$/);
    assert.equal(assets.base, `/dashboard/${assets.version}`);
    assert.equal(
      assets.html,
      `<link href="${assets.base}/a.css"><script src="${assets.base}/js/m.js">`,
    );
  });

  it('changes the version when any file changes, in a nested folder too, and only then', () => {
    const first = loadDashboardAssets(dir).version;
    assert.equal(loadDashboardAssets(dir).version, first);
    writeFileSync(join(dir, 'js', 'm.js'), 'export const x = 1;');
    const second = loadDashboardAssets(dir).version;
    assert.notEqual(second, first);
    writeFileSync(join(dir, 'a.css'), 'body{color:red}');
    assert.notEqual(loadDashboardAssets(dir).version, second);
  });
});
