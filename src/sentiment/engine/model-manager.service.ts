import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { join } from 'node:path';
import { type AppConfig, InjectConfig } from '../../core/config';
import { InferenceWorkerClient } from './inference-worker.client';
import type { InferenceRequest, InferenceResult, LabelScore } from './inference-protocol';
import { bundledModel, configuredModels, type ModelRole, type ModelSpec } from './model-catalogue';
import { modelRevision } from './model-revision';
import { ModelState } from './model-state';
import { ModelUnavailableError } from './model-unavailable.error';

/** The first restart waits 1 s, each crash after doubles it, up to this. */
const RESTART_MAX_DELAY_MS = 60_000;

/**
 * Loads the models in the inference worker in the background after start: the bundled model of
 * each role first, so the service answers at once, then the configured ones, which take over
 * when ready (a hub download may take minutes). Restarts a crashed worker with backoff and runs
 * inference with per-model counters.
 */
@Injectable()
export class ModelManager implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ModelManager.name);
  /** Configured models first, then their bundled fallbacks: active() takes the first ready. */
  private readonly states: ModelState[];
  private readonly worker: InferenceWorkerClient;
  private loading: Promise<void> = Promise.resolve();
  /** Models that were ready when the worker crashed, until they are ready again. */
  private readonly lost = new Set<ModelState>();
  private restartTimer?: NodeJS.Timeout;
  private crashes = 0;
  private restartedAt = 0;
  /** Each role's active model as name@revision, to tell when another one takes over. */
  private readonly serving = new Map<ModelRole, string>();
  private readonly activeListeners: ((role: ModelRole) => void)[] = [];

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.states = withFallbacks(configuredModels(config), config.paths.bundledModelsDir);
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
    this.loading = this.loadAll(this.states);
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.restartTimer);
    await this.worker.stop();
  }

  /** Resolves once every model has loaded or failed (and a worker restart under way is done). */
  settled(): Promise<void> {
    return this.loading;
  }

  list(): readonly ModelState[] {
    return this.states;
  }

  /** The model serving a role: the configured one when ready, else the bundled one. */
  active(role: ModelRole): ModelState | undefined {
    return this.states.find((s) => s.spec.role === role && s.status === 'ready');
  }

  /**
   * Called when a role's active model changes to another model, or to another revision of the
   * same one (a retrained bundled model): not when a crashed worker brings the same one back.
   */
  onActiveChange(listener: (role: ModelRole) => void): void {
    this.activeListeners.push(listener);
  }

  async classify(
    role: ModelRole,
    texts: string[],
  ): Promise<{ model: string; revision: string | null; scores: LabelScore[][] }> {
    const state = this.require(role);
    const scores = (await this.run(
      state,
      { op: 'classify', key: state.spec.key, texts },
      texts.length,
    )) as LabelScore[][];
    return { model: state.spec.name, revision: state.revision, scores };
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

  /** One at a time, bundled models first: they load in a moment and serve meanwhile. */
  private async loadAll(states: readonly ModelState[]): Promise<void> {
    for (const state of bundledFirst(states)) {
      if (this.worker.closed) {
        return;
      }
      await this.load(state);
    }
  }

  private async load(state: ModelState): Promise<void> {
    const { key, role, task, location, dtype, name } = state.spec;
    state.status = 'loading';
    state.error = undefined;
    try {
      const request = { op: 'load' as const, key, role, task, model: location, dtype };
      const { loadMs } = (await this.worker.request(request)) as { loadMs: number };
      const revision = await modelRevision(this.folderOf(state), dtype);
      Object.assign(state, { status: 'ready', loadMs, revision });
      this.logger.log(`Model ${name} (${role}) ready in ${Math.round(loadMs)} ms`);
    } catch (error) {
      Object.assign(state, { status: 'failed', error: (error as Error).message });
      this.logger.warn(`Model ${name} (${role}) failed to load: ${state.error}`);
    }
    this.noticeActiveChange(role);
  }

  /** Hub ids are cached under MODELS_DIR by id; other models name their folder. */
  private folderOf(state: ModelState): string {
    const { source, name, location } = state.spec;
    return source === 'hub' ? join(this.config.paths.modelsDir, name) : location;
  }

  private noticeActiveChange(role: ModelRole): void {
    const active = this.active(role);
    const identity = active ? `${active.spec.name}@${active.revision ?? ''}` : undefined;
    const previous = this.serving.get(role);
    if (!identity || identity === previous) {
      return;
    }
    this.serving.set(role, identity);
    if (previous !== undefined) {
      this.activeListeners.forEach((listener) => listener(role));
    }
  }

  /**
   * A crashed worker loses every pipeline: the models that were ready are reloaded in a new
   * worker after a backoff, unless the service is shutting down. Loads under way when it
   * crashed fail with the reason by themselves.
   */
  private workerStopped(reason: string): void {
    for (const state of this.states.filter((s) => s.status === 'ready')) {
      this.lost.add(state);
    }
    if (this.worker.closed || this.lost.size === 0 || this.restartTimer) {
      return;
    }
    const delay = this.restartDelay();
    const error = `${reason}; restarting in ${delay / 1000} s`;
    this.logger.warn(`The inference worker stopped: ${error}`);
    for (const state of this.lost) {
      Object.assign(state, { status: 'failed', error });
    }
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.restartedAt = Date.now();
      // Beside, not after, the loads under way: one may be a download of several minutes.
      this.loading = Promise.all([this.loading, this.restore()]).then(() => undefined);
    }, delay);
    this.restartTimer.unref();
  }

  /** 1 s, 2 s, 4 s… up to a minute; a worker that stayed up longer than that starts over. */
  private restartDelay(): number {
    if (Date.now() - this.restartedAt > RESTART_MAX_DELAY_MS) {
      this.crashes = 0;
    }
    return Math.min(1000 * 2 ** this.crashes++, RESTART_MAX_DELAY_MS);
  }

  private async restore(): Promise<void> {
    for (const state of bundledFirst([...this.lost])) {
      // Crashed again: the next restart, after a longer wait, takes over.
      if (this.worker.closed || this.restartTimer) {
        return;
      }
      await this.load(state);
    }
    // Loaded, or failed for a reason other than a crash: either way no longer the restart's.
    this.lost.clear();
  }
}

/** The bundled model of each role whose configured model is not the bundled one. */
function withFallbacks(specs: readonly ModelSpec[], bundledDir: string): ModelState[] {
  const states = specs.map((spec) => new ModelState(spec));
  for (const spec of specs) {
    if (spec.role !== 'zero-shot' && spec.source !== 'bundled') {
      const fallback = new ModelState(bundledModel(spec.role, bundledDir));
      fallback.fallbackFor = spec.name;
      states.push(fallback);
    }
  }
  return states;
}

function bundledFirst(states: readonly ModelState[]): ModelState[] {
  return [
    ...states.filter((s) => s.spec.source === 'bundled'),
    ...states.filter((s) => s.spec.source !== 'bundled'),
  ];
}
