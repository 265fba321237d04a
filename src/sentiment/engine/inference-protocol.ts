/** Messages between the service and the inference worker thread. */
import type { InferenceTask } from './inference-task';
import type { ModelRole } from './model-catalogue';

export interface WorkerSettings {
  /** Where hub ids are looked up and downloaded to (MODELS_DIR). */
  modelsDir: string;
  allowRemote: boolean;
  remoteHost: string;
}

export type InferenceRequest =
  | {
      op: 'load';
      key: string;
      /** The model's labels are checked against what this role's readers expect. */
      role: ModelRole;
      task: InferenceTask;
      model: string;
      dtype: string;
    }
  | { op: 'classify'; key: string; texts: string[] }
  | { op: 'zero-shot'; key: string; text: string; labels: string[] };

export interface LabelScore {
  label: string;
  score: number;
}

/** classify: every label's score for each text; zero-shot: the labels and scores of one text. */
export type InferenceResult = LabelScore[][] | LabelScore[] | { loadMs: number };

export type InferenceResponse =
  { id: number; ok: true; result: InferenceResult } | { id: number; ok: false; error: string };

/**
 * What the service posts to the worker: a request, or the order to finish what it has, release
 * its models and end.
 */
export type WorkerMessage = { id: number; request: InferenceRequest } | { op: 'shutdown' };
