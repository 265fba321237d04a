import type { ModelState } from './model-state';

export interface ModelsHealth {
  status: 'up' | 'degraded' | 'down' | 'disabled';
  message: string;
  models: { name: string; kind: string; status: string; error: string | null }[];
}

/**
 * up: every model ready; degraded: some still loading or failed (a fallback may serve);
 * down: no sentiment model can score at all.
 */
export function modelsHealth(states: readonly ModelState[], enabled: boolean): ModelsHealth {
  const models = states.map((s) => ({
    name: s.spec.name,
    kind: s.spec.role,
    status: s.status,
    error: s.error ?? null,
  }));
  if (!enabled) {
    return { status: 'disabled', message: 'ENABLE_SENTIMENT_ANALYSIS=false', models };
  }
  const message = models
    .map((m) => `${m.name} (${m.kind}): ${m.status}${m.error ? `: ${m.error}` : ''}`)
    .join('; ');
  const sentimentReady = states.some((s) => s.spec.role === 'sentiment' && s.status === 'ready');
  const settled = states.every((s) => s.status === 'ready' || s.status === 'failed');
  if (!sentimentReady && settled) {
    return { status: 'down', message, models };
  }
  return { status: states.every((s) => s.status === 'ready') ? 'up' : 'degraded', message, models };
}
