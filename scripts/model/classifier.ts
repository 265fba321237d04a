/**
 * Training of the bundled classifier: token embeddings (initialised from pretrained GloVe word
 * vectors, fine-tuned) pooled into two means, one over plain tokens and one over tokens within
 * a negation's reach, then one linear layer per pool. The negated pool starts as the mirror image
 * of the plain one ("not good" ≈ −"good") and learns corrections from the data.
 * Softmax cross-entropy, plain SGD with a linearly decaying rate, class weights, seeded order.
 */
import { seededRandom, shuffle } from './random';

export interface Example {
  /** Token ids as the tokenizer gives them ([CLS] … [SEP]). */
  ids: number[];
  /** Pooling weights per token (see features.ts poolingWeights). */
  plain: Float32Array;
  negated: Float32Array;
  label: number;
  /** How much this example counts (class balance × source weight). */
  weight: number;
}

export interface PooledWeights {
  vocabSize: number;
  dimensions: number;
  classes: number;
  /** vocabSize × dimensions, row-major. */
  embeddings: Float32Array;
  /** dimensions × classes: the head over the plain pool. */
  plainHead: Float32Array;
  /** dimensions × classes: the head over the negated pool. */
  negatedHead: Float32Array;
  bias: Float32Array;
}

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  /** The embeddings move this much slower than the heads, so pretrained meaning is kept. */
  embeddingRate: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  epochs: 6,
  learningRate: 0.2,
  embeddingRate: 0.5,
  seed: 20261203,
};

export function train(
  examples: readonly Example[],
  initial: { embeddings: Float32Array; dimensions: number; classes: number },
  options = DEFAULT_TRAINING,
): PooledWeights {
  const { dimensions: d, classes } = initial;
  const random = seededRandom(options.seed);
  const state = {
    embeddings: Float32Array.from(initial.embeddings),
    plainHead: new Float32Array(d * classes),
    correction: new Float32Array(d * classes),
    bias: new Float32Array(classes),
  };
  const order = examples.map((_, i) => i);
  const total = options.epochs * examples.length;
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const index of shuffle(order, random)) {
      const rate = options.learningRate * (1 - step++ / total);
      sgdStep(state, examples[index], rate, options.embeddingRate, d);
    }
  }
  return {
    vocabSize: initial.embeddings.length / d,
    dimensions: d,
    classes,
    embeddings: state.embeddings,
    plainHead: state.plainHead,
    negatedHead: state.correction.map((v, i) => v - state.plainHead[i]),
    bias: state.bias,
  };
}

interface State {
  embeddings: Float32Array;
  plainHead: Float32Array;
  correction: Float32Array;
  bias: Float32Array;
}

function sgdStep(
  state: State,
  example: Example,
  rate: number,
  embeddingRate: number,
  d: number,
): void {
  const { embeddings, plainHead, correction, bias } = state;
  const classes = bias.length;
  const plainPool = pool(embeddings, example.ids, example.plain, d);
  const negatedPool = pool(embeddings, example.ids, example.negated, d);
  const scores = Array.from({ length: classes }, (_, c) => {
    let sum = bias[c];
    for (let k = 0; k < d; k++) {
      const w = plainHead[k * classes + c];
      sum += plainPool[k] * w + negatedPool[k] * (correction[k * classes + c] - w);
    }
    return sum;
  });
  const step = rate * example.weight;
  const gradient = softmax(scores).map((p, c) => (p - (c === example.label ? 1 : 0)) * step);
  const plainGradient = new Float64Array(d);
  const negatedGradient = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    for (let c = 0; c < classes; c++) {
      const at = k * classes + c;
      const w = plainHead[at];
      plainGradient[k] += w * gradient[c];
      negatedGradient[k] += (correction[at] - w) * gradient[c];
      plainHead[at] -= (plainPool[k] - negatedPool[k]) * gradient[c];
      correction[at] -= negatedPool[k] * gradient[c];
    }
  }
  for (let c = 0; c < classes; c++) {
    bias[c] -= gradient[c];
  }
  example.ids.forEach((id, t) => {
    const p = example.plain[t] * embeddingRate;
    const n = example.negated[t] * embeddingRate;
    if (p === 0 && n === 0) {
      return;
    }
    for (let k = 0; k < d; k++) {
      embeddings[id * d + k] -= p * plainGradient[k] + n * negatedGradient[k];
    }
  });
}

function pool(
  embeddings: Float32Array,
  ids: readonly number[],
  weights: Float32Array,
  d: number,
): Float64Array {
  const out = new Float64Array(d);
  ids.forEach((id, t) => {
    const w = weights[t];
    if (w !== 0) {
      for (let k = 0; k < d; k++) {
        out[k] += w * embeddings[id * d + k];
      }
    }
  });
  return out;
}

/** The logits the ONNX graph computes (before temperature). */
export function logits(model: PooledWeights, example: Omit<Example, 'label' | 'weight'>): number[] {
  const { dimensions: d, classes } = model;
  const plainPool = pool(model.embeddings, example.ids, example.plain, d);
  const negatedPool = pool(model.embeddings, example.ids, example.negated, d);
  return Array.from({ length: classes }, (_, c) => {
    let sum = model.bias[c];
    for (let k = 0; k < d; k++) {
      sum +=
        plainPool[k] * model.plainHead[k * classes + c] +
        negatedPool[k] * model.negatedHead[k * classes + c];
    }
    return sum;
  });
}

export function softmax(values: readonly number[]): number[] {
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function predict(model: PooledWeights, example: Omit<Example, 'label' | 'weight'>): number {
  const scores = logits(model, example);
  return scores.indexOf(Math.max(...scores));
}

/** Rare classes weigh more, so the model does not settle on the majority class. */
export function balancedWeights(labels: readonly number[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) {
    counts[label]++;
  }
  return counts.map((count) => (count === 0 ? 0 : labels.length / (classes * count)));
}
