export class LatencyDto {
  /** Mean inference time per call (ms), over the last 500 calls. @example 1.2 */
  avg_ms!: number;

  /** @example 3.4 */
  p95_ms!: number;
}

export class ModelInfoDto {
  /** Hub id, folder or bundled model name. @example "cdt-sentiment-binary" */
  name!: string;

  /** sentiment (POSITIVE/NEGATIVE), financial (bullish/bearish/neutral) or zero-shot (NLI). @example "sentiment" */
  kind!: string;

  /** bundled (trained by this project, in models/), hub (a HuggingFace id) or local (a folder). @example "bundled" */
  source!: string;

  /** pending, loading, ready, failed or disabled. @example "ready" */
  status!: string;

  /** Why it failed to load (labels that do not fit the kind included), or why the worker lost it. */
  error!: string | null;

  /** True when this model serves its kind: the first ready one. @example true */
  active!: boolean;

  /** Set on the bundled model of a role configured with another model: it serves while that one loads or when it fails. */
  fallback_for!: string | null;

  /** @example 85 */
  load_ms!: number | null;

  /** Inference calls so far. @example 12 */
  inferences!: number;

  /** Texts scored so far. @example 640 */
  texts!: number;

  latency!: LatencyDto | null;
}

export class ModelsResponseDto {
  /** False when ENABLE_SENTIMENT_ANALYSIS=false. @example true */
  enabled!: boolean;

  data!: ModelInfoDto[];
}
