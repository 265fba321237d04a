import { env } from '@huggingface/transformers';
import type { WorkerSettings } from './inference-protocol';

/**
 * Hub ids are looked up in MODELS_DIR (as a cache and as a local model folder) before the hub;
 * the hub is asked only when remote models are allowed.
 */
export function configureRuntime(settings: WorkerSettings): void {
  env.allowRemoteModels = settings.allowRemote;
  env.remoteHost = settings.remoteHost;
  env.localModelPath = settings.modelsDir;
  env.cacheDir = settings.modelsDir;
}
