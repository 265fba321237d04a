import assert from 'node:assert/strict';
import { mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { sqliteCheck } from './sqlite-check';

const DIR = mkdtempSync(join(tmpdir(), 'cdt-sqlite-check-'));
const TIMEOUT_MS = 60_000;

/** A database with a table and an index over 2,000 rows: where the index's root page starts. */
function database(file: string): { offset: number; pageSize: number } {
  const db = new Database(file);
  try {
    db.exec('CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT); CREATE INDEX i ON t (b);');
    const insert = db.prepare('INSERT INTO t (b) VALUES (?)');
    db.transaction(() => {
      for (let k = 0; k < 2_000; k += 1) {
        insert.run(`value ${k}`);
      }
    })();
    const { rootpage } = db
      .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'i'")
      .get() as { rootpage: number };
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return { offset: (rootpage - 1) * pageSize, pageSize };
  } finally {
    db.close();
  }
}

describe('sqliteCheck (in a worker thread)', () => {
  after(() => rmSync(DIR, { recursive: true, force: true }));

  it('answers ok for a sound database, for both checks', async () => {
    const file = join(DIR, 'sound.sqlite');
    database(file);
    for (const pragma of ['integrity_check', 'quick_check'] as const) {
      assert.equal(await sqliteCheck({ file, pragma, timeoutMs: TIMEOUT_MS }), 'ok');
    }
  });

  it('reports a damaged page, and refuses what is not a database at all', async () => {
    const file = join(DIR, 'damaged.sqlite');
    const { offset, pageSize } = database(file);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, offset);
    closeSync(fd);
    const quick = await sqliteCheck({ file, pragma: 'quick_check', timeoutMs: TIMEOUT_MS });
    assert.match(quick, /btreeInitPage\(\) returns error code 11/);
    assert.match(quick, /wrong # of entries in index i$/);
    await assert.rejects(
      sqliteCheck({ file, pragma: 'integrity_check', timeoutMs: TIMEOUT_MS }),
      /database disk image is malformed/,
    );

    const text = join(DIR, 'text.sqlite');
    writeFileSync(text, 'not a database '.repeat(500));
    await assert.rejects(
      sqliteCheck({ file: text, pragma: 'integrity_check', timeoutMs: TIMEOUT_MS }),
      /file is not a database/,
    );
    await assert.rejects(
      sqliteCheck({
        file: join(DIR, 'missing.sqlite'),
        pragma: 'quick_check',
        timeoutMs: TIMEOUT_MS,
      }),
      /unable to open database file/,
    );
  });
});
