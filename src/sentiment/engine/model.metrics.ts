import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge, type Registry } from 'prom-client';
import { MetricsService } from '../../core/metrics/metrics.service';
import { ModelManager } from './model-manager.service';
import type { ModelState } from './model-state';

type Labels = { model: string; kind: string; stat?: string };
type Reading = [labels: Labels, value: number][];

/** Model status and inference counters for Prometheus, read from the model manager at each scrape. */
@Injectable()
export class ModelMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly models: ModelManager,
  ) {}

  onModuleInit(): void {
    const registry = this.metrics.registry;
    const each = (value: (s: ModelState) => number) => () =>
      this.models.list().map((s): Reading[number] => [labelsOf(s), value(s)]);
    gauge(
      registry,
      'model_ready',
      'Whether the model is loaded and ready (1) or not (0)',
      each((s) => (s.status === 'ready' ? 1 : 0)),
    );
    counter(
      registry,
      'model_inferences_total',
      'Inference calls per model',
      each((s) => s.inferences),
    );
    counter(
      registry,
      'model_texts_total',
      'Texts scored per model',
      each((s) => s.texts),
    );
    gauge(
      registry,
      'model_inference_latency_ms',
      'Inference latency per call over the last 500 calls (stat: avg or p95)',
      () =>
        this.models.list().flatMap((s): Reading => {
          const latency = s.latency();
          return latency
            ? [
                [{ ...labelsOf(s), stat: 'avg' }, latency.avg],
                [{ ...labelsOf(s), stat: 'p95' }, latency.p95],
              ]
            : [];
        }),
    );
  }
}

function labelsOf(state: ModelState): Labels {
  return { model: state.spec.name, kind: state.spec.role };
}

function gauge(registry: Registry, name: string, help: string, read: () => Reading): void {
  new Gauge({
    name,
    help,
    labelNames: ['model', 'kind', 'stat'],
    registers: [registry],
    collect() {
      this.reset();
      read().forEach(([labels, value]) => this.set(labels, value));
    },
  });
}

function counter(registry: Registry, name: string, help: string, read: () => Reading): void {
  new Counter({
    name,
    help,
    labelNames: ['model', 'kind'],
    registers: [registry],
    collect() {
      this.reset();
      read().forEach(([labels, value]) => this.inc(labels, value));
    },
  });
}
