import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UPSTREAM_CONFIGS } from '../../providers/upstreams/upstream-configs';
import { unknownVariablesWarning } from './config-warnings';
import { DECLARED_VARIABLES } from './upstream-env';

const ROOT = join(__dirname, '..', '..', '..', '..');
const NAME = /^[A-Z][A-Z0-9_]*$/;

/** `.env.example` names each variable once as `NAME=` or `# NAME=`. */
function envExampleNames(): Set<string> {
  const text = readFileSync(join(ROOT, '.env.example'), 'utf8');
  return new Set([...text.matchAll(/^(?:# ?)?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
}

/** The names in backticks in the first column of the README's configuration table. */
function readmeTableNames(): Set<string> {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = text.slice(text.indexOf('\n## Configuration\n'));
  const table = section.slice(0, section.indexOf('\n## ', 1));
  const names = table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]))
    .filter((name) => NAME.test(name));
  return new Set(names);
}

function difference(a: Iterable<string>, b: Set<string>): string[] {
  return [...a].filter((name) => !b.has(name)).sort();
}

describe('configuration docs', () => {
  const declared = new Set(DECLARED_VARIABLES);

  it('.env.example lists every variable core config or a plug-in declares, and no other', () => {
    const documented = envExampleNames();
    assert.deepEqual(difference(declared, documented), [], 'missing from .env.example');
    assert.deepEqual(difference(documented, declared), [], 'in .env.example, read by nothing');
  });

  it("README's configuration table lists every declared variable, and no other", () => {
    const documented = readmeTableNames();
    assert.deepEqual(difference(declared, documented), [], 'missing from the README table');
    assert.deepEqual(difference(documented, declared), [], 'in the README table, read by nothing');
  });

  it('every plug-in variable carries a description for the docs', () => {
    const undescribed = UPSTREAM_CONFIGS.flatMap((upstream) =>
      Object.entries(upstream.variables)
        .filter(([, schema]) => !schema.description)
        .map(([name]) => `${upstream.id}: ${name}`),
    );
    assert.deepEqual(undescribed, []);
  });

  it("knows the plug-ins' variables when warning about unknown ones", () => {
    assert.equal(unknownVariablesWarning({ KRAKEN_BASE_URL: 'https://k.example' }), undefined);
    assert.match(
      unknownVariablesWarning({ KRAKEN_BASE_ULR: 'https://k.example' }) ?? '',
      /KRAKEN_BASE_ULR \(did you mean KRAKEN_BASE_URL\?\)/,
    );
  });
});
