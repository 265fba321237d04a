/**
 * Runs one SQLite check pragma on its own read-only connection, in a worker thread: on a large
 * database `integrity_check` takes minutes, and on the main thread it would stall every request.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { SqliteCheckRequest } from './sqlite-check';

const { file, pragma } = workerData as SqliteCheckRequest;
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  const rows = db.pragma(pragma) as Record<string, unknown>[];
  parentPort?.postMessage(rows.map((row) => String(Object.values(row)[0])));
} finally {
  db.close();
}
