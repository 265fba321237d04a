import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type {
  InferenceRequest,
  InferenceResponse,
  InferenceResult,
  WorkerMessage,
  WorkerSettings,
} from './inference-protocol';
import { ModelUnavailableError } from './model-unavailable.error';

interface Pending {
  resolve: (result: InferenceResult) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface WorkerTimeouts {
  loadMs: number;
  runMs: number;
  /**
   * How long stop() waits for the worker to finish its runs and release its models. Terminating
   * a thread while ONNX Runtime works in it aborts the whole process ("terminate called after
   * throwing an instance of 'Napi::Error'"), so termination is only the fallback for a worker
   * stuck in something else, such as a hub download that never ends.
   */
  stopMs: number;
}

/** Loading a hub model may download hundreds of MB when remote models are allowed. */
const TIMEOUTS: WorkerTimeouts = { loadMs: 10 * 60_000, runMs: 60_000, stopMs: 10_000 };
/**
 * Requests in the worker at most, timed-out ones included until the worker answers them; past
 * it callers get a 503 at once rather than work that grows for as long as the worker is slower
 * than the arrivals.
 */
export const MAX_PENDING = 256;
/**
 * The worker's V8 young generation, in MB. V8 sizes it for a busy main thread (up to 3 × 16 MB
 * here), but the worker's allocations are small and short-lived (token ids, one batch's
 * tensors), so a smaller nursery keeps about 15 MB less resident with both bundled models
 * loaded and no measurable change in batch time (docs/benchmarks.md).
 */
export const WORKER_YOUNG_GENERATION_MB = 8;

/** The service side of the inference worker thread: one request, one promise. */
export class InferenceWorkerClient {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stopping = false;

  constructor(
    private readonly settings: WorkerSettings,
    private readonly onStopped: (reason: string) => void,
    private readonly timeouts = TIMEOUTS,
  ) {}

  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Requests the worker has not answered yet, timed-out ones included. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** After stop() no worker starts again: the service is shutting down. */
  get closed(): boolean {
    return this.stopping;
  }

  /**
   * Fails with ModelUnavailableError (a 503) when the worker is shut down, too busy or too
   * slow. A request that timed out still runs to its end in the worker (ONNX runs cannot be
   * cancelled), so it keeps its slot until the worker answers: that is what bounds the work.
   */
  request(request: InferenceRequest): Promise<InferenceResult> {
    if (this.stopping) {
      return Promise.reject(new ModelUnavailableError('the inference worker has shut down'));
    }
    if (this.pending.size >= MAX_PENDING) {
      return Promise.reject(
        new ModelUnavailableError(
          `the inference worker is busy (${MAX_PENDING} requests waiting); try again shortly`,
        ),
      );
    }
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const timeoutMs = request.op === 'load' ? this.timeouts.loadMs : this.timeouts.runMs;
    return new Promise((resolve, reject) => {
      // Only the caller is answered: the entry stays pending (a later settle is a no-op for the
      // already rejected promise) and frees its slot when the worker's reply arrives.
      const timer = setTimeout(
        () => reject(new ModelUnavailableError(`inference timed out after ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.pending.set(id, { resolve, reject, timer });
      this.post(worker, { id, request });
    });
  }

  /** Says whether the worker ended by itself or had to be terminated after the grace. */
  async stop(): Promise<'ended' | 'terminated' | 'not running'> {
    this.stopping = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failPending('inference worker stopped');
    return worker ? this.shutDown(worker) : 'not running';
  }

  /** Asks the worker to end by itself; terminates it only when it has not within the grace. */
  private async shutDown(worker: Worker): Promise<'ended' | 'terminated'> {
    const grace = new AbortController();
    const exited = once(worker, 'exit').then(() => true);
    this.post(worker, { op: 'shutdown' });
    const ended = await Promise.race([
      exited,
      sleep(this.timeouts.stopMs, false, { signal: grace.signal }).catch(() => false),
    ]);
    grace.abort();
    if (ended) {
      return 'ended';
    }
    await worker.terminate();
    return 'terminated';
  }

  private post(worker: Worker, message: WorkerMessage): void {
    worker.postMessage(message);
  }

  private start(): Worker {
    const worker = new Worker(join(__dirname, 'inference.worker.js'), {
      workerData: this.settings,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    worker.on('message', (response: InferenceResponse) =>
      response.ok
        ? this.settle(response.id, undefined, response.result)
        : this.settle(response.id, new Error(response.error)),
    );
    worker.on('error', (error: Error) =>
      this.stopped(worker, `inference worker failed: ${error.message}`),
    );
    worker.on('exit', (code) => this.stopped(worker, `inference worker exited with code ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(id: number, error?: Error, result?: InferenceResult): void {
    const pending = this.pending.get(id);
    if (!pending) {
      return;
    }
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (error) {
      pending.reject(error);
    } else {
      pending.resolve(result as InferenceResult);
    }
  }

  /** Every waiting request fails with the reason; the next request starts a fresh worker. */
  private stopped(worker: Worker, reason: string): void {
    if (this.worker !== worker) {
      return;
    }
    this.worker = undefined;
    this.failPending(reason);
    this.onStopped(reason);
  }

  private failPending(reason: string): void {
    for (const id of [...this.pending.keys()]) {
      this.settle(id, new ModelUnavailableError(reason));
    }
  }
}
