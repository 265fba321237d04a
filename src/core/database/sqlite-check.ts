import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface SqliteCheckRequest {
  file: string;
  pragma: 'integrity_check' | 'quick_check';
}

/**
 * `PRAGMA integrity_check` or `quick_check` on a database file, run in a worker thread on its
 * own read-only connection so the event loop keeps serving: "ok", or the problems found joined
 * by "; ". Rejects when the file cannot be read as a database or the check outlasts timeoutMs.
 */
export function sqliteCheck(request: SqliteCheckRequest & { timeoutMs: number }): Promise<string> {
  const { file, pragma, timeoutMs } = request;
  const worker = new Worker(join(__dirname, 'sqlite-check.worker.js'), {
    workerData: { file, pragma } satisfies SqliteCheckRequest,
  });
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // terminate() never rejects. A check cannot be interrupted: the thread ends when SQLite
      // returns, off the main thread either way.
      void worker.terminate();
      reject(new Error(`${pragma} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const settle = () => clearTimeout(timer);
    worker.once('message', (problems: string[]) => {
      settle();
      resolve(problems.join('; '));
    });
    worker.once('error', (error: Error) => {
      settle();
      reject(error);
    });
    worker.once('exit', (code) => {
      settle();
      reject(new Error(`the ${pragma} worker exited with code ${code} before answering`));
    });
  });
}
