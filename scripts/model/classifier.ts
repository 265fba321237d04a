/**
 * fastText-style training of a bag-of-WordPieces classifier: the mean of the token embeddings
 * goes through one linear layer; softmax cross-entropy, plain SGD with a linearly decaying rate.
 */
import type { BagOfTokensWeights } from './onnx';
import { seededRandom, shuffle } from './random';

export interface Example {
  /** Token ids as the tokenizer gives them ([CLS] … [SEP]): the ONNX graph averages the same. */
  ids: number[];
  label: number;
}

export interface TrainingOptions {
  dimensions: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  dimensions: 32,
  epochs: 5,
  learningRate: 0.3,
  seed: 20261128,
};

export function train(
  examples: readonly Example[],
  shape: { vocabSize: number; classes: number },
  options = DEFAULT_TRAINING,
): BagOfTokensWeights {
  const { dimensions: d, epochs, learningRate, seed } = options;
  const random = seededRandom(seed);
  const model = initialise(shape.vocabSize, d, shape.classes, random);
  const classWeights = balancedWeights(examples, shape.classes);
  const order = examples.map((_, i) => i);
  const total = epochs * examples.length;
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const index of shuffle(order, random)) {
      const rate = learningRate * (1 - step++ / total);
      sgdStep(model, examples[index], rate * classWeights[examples[index].label]);
    }
  }
  return model;
}

function initialise(
  vocabSize: number,
  d: number,
  classes: number,
  random: () => number,
): BagOfTokensWeights {
  const embeddings = new Float32Array(vocabSize * d);
  for (let i = 0; i < embeddings.length; i++) {
    embeddings[i] = (random() * 2 - 1) / d;
  }
  return {
    vocabSize,
    dimensions: d,
    classes,
    embeddings,
    weights: new Float32Array(d * classes),
    bias: new Float32Array(classes),
  };
}

/** Rare classes weigh more, so the model does not settle on the majority class. */
function balancedWeights(examples: readonly Example[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const example of examples) {
    counts[example.label]++;
  }
  return counts.map((count) => (count === 0 ? 0 : examples.length / (classes * count)));
}

function sgdStep(model: BagOfTokensWeights, example: Example, rate: number): void {
  const { dimensions: d, classes, embeddings, weights, bias } = model;
  const hidden = meanEmbedding(model, example.ids);
  const probabilities = softmax(logits(model, hidden));
  const gradient = probabilities.map((p, c) => p - (c === example.label ? 1 : 0));
  const hiddenGradient = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    for (let c = 0; c < classes; c++) {
      hiddenGradient[k] += weights[k * classes + c] * gradient[c];
      weights[k * classes + c] -= rate * hidden[k] * gradient[c];
    }
  }
  for (let c = 0; c < classes; c++) {
    bias[c] -= rate * gradient[c];
  }
  const share = rate / example.ids.length;
  for (const id of example.ids) {
    for (let k = 0; k < d; k++) {
      embeddings[id * d + k] -= share * hiddenGradient[k];
    }
  }
}

export function meanEmbedding(model: BagOfTokensWeights, ids: readonly number[]): Float64Array {
  const { dimensions: d, embeddings } = model;
  const hidden = new Float64Array(d);
  for (const id of ids) {
    for (let k = 0; k < d; k++) {
      hidden[k] += embeddings[id * d + k];
    }
  }
  return hidden.map((value) => value / Math.max(ids.length, 1));
}

export function logits(model: BagOfTokensWeights, hidden: Float64Array): number[] {
  const { classes, weights, bias } = model;
  return Array.from({ length: classes }, (_, c) => {
    let sum = bias[c];
    for (let k = 0; k < hidden.length; k++) {
      sum += hidden[k] * weights[k * classes + c];
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

export function predict(model: BagOfTokensWeights, ids: readonly number[]): number {
  const scores = logits(model, meanEmbedding(model, ids));
  return scores.indexOf(Math.max(...scores));
}
