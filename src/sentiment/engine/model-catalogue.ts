/** Which models the configuration asks for, and the bundled model behind each role. */
import { isAbsolute, join, resolve } from 'node:path';
import type { AppConfig } from '../../core/config';
import type { InferenceTask } from './inference-task';

/** sentiment: POSITIVE/NEGATIVE text; financial: bullish/bearish/neutral; zero-shot: NLI. */
export type ModelRole = 'sentiment' | 'financial' | 'zero-shot';
export type ModelSource = 'bundled' | 'hub' | 'local';

export interface ModelSpec {
  /** Unique per loaded pipeline. */
  key: string;
  role: ModelRole;
  /** What results name as `model`: the hub id, the folder or the bundled model's name. */
  name: string;
  /** What the pipeline is given: a hub id or a folder path. */
  location: string;
  task: InferenceTask;
  dtype: string;
  source: ModelSource;
}

export const BUNDLED_MODELS: Record<Exclude<ModelRole, 'zero-shot'>, string> = {
  sentiment: 'cdt-sentiment-binary',
  financial: 'cdt-market-sentiment',
};

/** The models named by SENTIMENT_MODEL, FINANCIAL_SENTIMENT_MODEL and ZERO_SHOT_MODEL. */
export function configuredModels(config: AppConfig, cwd = process.cwd()): ModelSpec[] {
  const { models } = config;
  const specs = [
    configured('sentiment', models.sentimentModel, config, cwd),
    configured('financial', models.financialModel, config, cwd),
  ];
  if (models.zeroShotModel) {
    specs.push(configured('zero-shot', models.zeroShotModel, config, cwd));
  }
  return specs;
}

function configured(role: ModelRole, value: string, config: AppConfig, cwd: string): ModelSpec {
  if (value === 'bundled' && role !== 'zero-shot') {
    return bundledModel(role, config.paths.bundledModelsDir);
  }
  const local = isAbsolute(value) || value.startsWith('./') || value.startsWith('../');
  return {
    key: `${role}:${value}`,
    role,
    name: value,
    location: local ? resolve(cwd, value) : value,
    task: role === 'zero-shot' ? 'zero-shot-classification' : 'text-classification',
    dtype: config.models.dtype,
    source: local ? 'local' : 'hub',
  };
}

/** The model the project trains (npm run model:train) and ships in models/. */
export function bundledModel(role: Exclude<ModelRole, 'zero-shot'>, dir: string): ModelSpec {
  const name = BUNDLED_MODELS[role];
  return {
    key: `${role}:bundled`,
    role,
    name,
    location: join(dir, name),
    task: 'text-classification',
    dtype: 'q8',
    source: 'bundled',
  };
}
