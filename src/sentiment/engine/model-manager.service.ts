import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../../core/config';
import { InferenceWorkerClient } from './inference-worker.client';
import type { InferenceRequest, InferenceResult, LabelScore } from './inference-protocol';
import { bundledModel, configuredModels, type ModelRole } from './model-catalogue';
import { ModelState } from './model-state';
import { ModelUnavailableError } from './model-unavailable.error';

/**
 * Loads the configured models in the inference worker in the background after start, falls
 * back to the bundled model of a role when the configured one cannot load, and runs inference
 * with per-model counters.
 */
@Injectable()
export class ModelManager implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ModelManager.name);
  private readonly states: ModelState[];
  private readonly worker: InferenceWorkerClient;
  private loading: Promise<void> = Promise.resolve();

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.states = configuredModels(config).map((spec) => new ModelState(spec));
    this.worker = new InferenceWorkerClient(
      {
        modelsDir: config.paths.modelsDir,
        allowRemote: config.models.allowRemote,
        remoteHost: config.models.remoteHost,
      },
      (reason) => this.workerStopped(reason),
    );
  }

  get enabled(): boolean {
    return this.config.features.sentimentAnalysis;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) {
      this.states.forEach((state) => (state.status = 'disabled'));
      return;
    }
    // A copy: fallBack adds bundled models to the states while they are walked.
    this.loading = this.loadAll([...this.states]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker.stop();
  }

  /** Resolves once every model has loaded or failed (fallbacks included). */
  settled(): Promise<void> {
    return this.loading;
  }

  list(): readonly ModelState[] {
    return this.states;
  }

  /** The model serving a role: the configured one when ready, else its bundled fallback. */
  active(role: ModelRole): ModelState | undefined {
    return this.states.find((s) => s.spec.role === role && s.status === 'ready');
  }

  async classify(
    role: ModelRole,
    texts: string[],
  ): Promise<{ model: string; scores: LabelScore[][] }> {
    const state = this.require(role);
    const scores = (await this.run(
      state,
      { op: 'classify', key: state.spec.key, texts },
      texts.length,
    )) as LabelScore[][];
    return { model: state.spec.name, scores };
  }

  async zeroShot(
    text: string,
    labels: string[],
  ): Promise<{ model: string; scores: LabelScore[] } | null> {
    const state = this.active('zero-shot');
    if (!state) {
      return null;
    }
    const request = { op: 'zero-shot' as const, key: state.spec.key, text, labels };
    return { model: state.spec.name, scores: (await this.run(state, request, 1)) as LabelScore[] };
  }

  /** Diagnostics auto-fix: try every failed model again; returns the names that now load. */
  async reloadFailed(): Promise<string[]> {
    await this.loading;
    const failed = this.states.filter((s) => s.status === 'failed');
    this.loading = this.loadAll(failed);
    await this.loading;
    return failed.filter((s) => s.status === 'ready').map((s) => s.spec.name);
  }

  private require(role: ModelRole): ModelState {
    const state = this.active(role);
    if (state) {
      return state;
    }
    if (!this.enabled) {
      throw new ModelUnavailableError(
        'Sentiment analysis is switched off (ENABLE_SENTIMENT_ANALYSIS=false)',
      );
    }
    const candidates = this.states.filter((s) => s.spec.role === role);
    const reasons = candidates.map(
      (s) => `${s.spec.name} ${s.status}${s.error ? `: ${s.error}` : ''}`,
    );
    throw new ModelUnavailableError(`No ${role} model is ready (${reasons.join('; ')})`);
  }

  private async run(
    state: ModelState,
    request: InferenceRequest,
    texts: number,
  ): Promise<InferenceResult> {
    const started = performance.now();
    const result = await this.worker.request(request);
    state.record(performance.now() - started, texts);
    return result;
  }

  private async loadAll(states: ModelState[]): Promise<void> {
    for (const state of states) {
      if (this.worker.closed) {
        return;
      }
      await this.load(state);
      if (state.status === 'failed') {
        await this.fallBack(state);
      }
    }
  }

  private async load(state: ModelState): Promise<void> {
    const { key, task, location, dtype, name } = state.spec;
    state.status = 'loading';
    state.error = undefined;
    try {
      const { loadMs } = (await this.worker.request({
        op: 'load',
        key,
        task,
        model: location,
        dtype,
      })) as {
        loadMs: number;
      };
      Object.assign(state, { status: 'ready', loadMs });
      this.logger.log(`Model ${name} (${state.spec.role}) ready in ${Math.round(loadMs)} ms`);
    } catch (error) {
      Object.assign(state, { status: 'failed', error: (error as Error).message });
      this.logger.warn(`Model ${name} (${state.spec.role}) failed to load: ${state.error}`);
    }
  }

  /** A failed hub or local model is replaced by the bundled model of its role. */
  private async fallBack(failed: ModelState): Promise<void> {
    const role = failed.spec.role;
    if (role === 'zero-shot' || failed.spec.source === 'bundled') {
      return;
    }
    const existing = this.states.find((s) => s.spec.role === role && s.spec.source === 'bundled');
    const state =
      existing ?? new ModelState(bundledModel(role, this.config.paths.bundledModelsDir));
    state.fallbackFor = failed.spec.name;
    if (!existing) {
      this.states.push(state);
    }
    if (state.status !== 'ready') {
      await this.load(state);
    }
  }

  /** A crashed worker loses every pipeline: the models say so until reloaded. */
  private workerStopped(reason: string): void {
    for (const state of this.states.filter((s) => s.status === 'ready' || s.status === 'loading')) {
      Object.assign(state, { status: 'failed', error: reason });
    }
  }
}
