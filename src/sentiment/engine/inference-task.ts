/** The pipelines the inference worker runs (its own file: the catalogue and the worker protocol both name it). */
export type InferenceTask = 'text-classification' | 'zero-shot-classification';
