import type { ModelSpec } from './model-catalogue';

export type ModelStatus = 'pending' | 'loading' | 'ready' | 'failed' | 'disabled';

const LATENCY_WINDOW = 500;

/** One model's load outcome and inference counters (latency over the last 500 runs). */
export class ModelState {
  status: ModelStatus = 'pending';
  error?: string;
  loadMs?: number;
  /** A digest of the loaded files (modelRevision); null when they could not be read. */
  revision: string | null = null;
  inferences = 0;
  texts = 0;
  /** Set on a bundled model that serves while the configured one (named here) loads or fails. */
  fallbackFor?: string;
  private readonly latencies: number[] = [];

  constructor(readonly spec: ModelSpec) {}

  record(ms: number, texts: number): void {
    this.inferences++;
    this.texts += texts;
    this.latencies.push(ms);
    if (this.latencies.length > LATENCY_WINDOW) {
      this.latencies.shift();
    }
  }

  latency(): { avg: number; p95: number } | null {
    if (this.latencies.length === 0) {
      return null;
    }
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const avg = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    return { avg, p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] };
  }
}
