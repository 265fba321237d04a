/**
 * Builds one bundled model folder: vocabulary and tokenizer, pretrained initial embeddings,
 * training, temperature calibration, the ONNX file, then the figures its model card reports,
 * all scored through the transformers.js pipeline exactly as the service loads the model.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { runSuite, type CapabilityResult, type Polarity } from './behaviour';
import { expectedCalibrationError, fitTemperature } from './calibration';
import {
  balancedWeights,
  DEFAULT_TRAINING,
  logits,
  softmax,
  train,
  type Example,
  type TrainingOptions,
} from './classifier';
import type { LabelledText } from './datasets';
import { EMBEDDING_DIMENSIONS, type WordVectors } from './embeddings';
import { accuracy, macroF1, type Accuracy } from './evaluate';
import { ENTITY_WORDS, INTENSIFIERS, NEGATORS, poolingWeights, tokenTables } from './features';
import { encodeQuantizedModel } from './onnx';
import { seededRandom } from './random';
import { scoreWithPipeline, topLabel } from './scoring';
import { buildVocab, SPECIAL_TOKENS, tokenizerConfigJson, tokenizerJson } from './wordpiece';

const MAX_LENGTH = 256;

export interface ModelSpec {
  name: string;
  labels: string[];
  /** How many of the most frequent pretrained words join the vocabulary. */
  pretrainedWords: number;
  train: LabelledText[];
  /** How much each training source counts, on top of class balancing (default 1). */
  sourceWeights: Record<string, number>;
  /** Validation data: temperature is fitted here, and its accuracy is reported. */
  validation: LabelledText[];
  /** The crypto development set, already mapped to this model's labels. */
  development: LabelledText[];
  /** The held-out crypto set, mapped likewise; undefined while tuning (`--dev-only`). */
  heldOut?: LabelledText[];
  /** The keyword baseline (VADER lexicon sum) each figure is compared with. */
  baseline: (text: string) => string;
  /** Market label → this model's label (undefined: the model has no such label). */
  labelOf: (polarity: Polarity) => string | undefined;
  /** Training settings that differ from DEFAULT_TRAINING. */
  training?: Partial<TrainingOptions>;
}

export interface Figures {
  vocabSize: number;
  temperature: number;
  validation: Accuracy & { eceBefore: number; eceAfter: number; baseline: number };
  development: CryptoFigures;
  heldOut?: CryptoFigures;
  behaviour: CapabilityResult[];
}

export type CryptoFigures = Accuracy & {
  headlines: number;
  macroF1: number;
  ece: number;
  baseline: number;
};

export async function buildModel(
  spec: ModelSpec,
  dir: string,
  vectors: WordVectors,
): Promise<Figures> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const extra = [
    ...vectors.frequentWords.slice(0, spec.pretrainedWords),
    ...ENTITY_WORDS,
    ...NEGATORS,
    ...INTENSIFIERS,
  ];
  const vocab = buildVocab(
    spec.train.map((item) => item.text),
    undefined,
    extra,
  );
  writeJson(join(dir, 'tokenizer.json'), tokenizerJson(vocab), 0);
  writeJson(join(dir, 'tokenizer_config.json'), tokenizerConfigJson(MAX_LENGTH));
  writeJson(join(dir, 'config.json'), modelConfig(spec.labels, vocab.length));
  const tokenizer = await AutoTokenizer.from_pretrained(dir);
  const tables = tokenTables(vocab, new Set(SPECIAL_TOKENS));
  const featurise = (text: string) => {
    const ids = tokenizer.encode(text).slice(0, MAX_LENGTH);
    return { ids, ...poolingWeights(ids, tables) };
  };
  const labelIds = spec.train.map((item) => spec.labels.indexOf(item.label));
  const classWeights = balancedWeights(labelIds, spec.labels.length);
  const examples: Example[] = spec.train.map((item, i) => ({
    ...featurise(item.text),
    label: labelIds[i],
    weight: classWeights[labelIds[i]] * (spec.sourceWeights[item.source] ?? 1),
  }));
  const model = train(
    examples,
    {
      embeddings: initialEmbeddings(vocab, vectors),
      dimensions: EMBEDDING_DIMENSIONS,
      classes: spec.labels.length,
    },
    { ...DEFAULT_TRAINING, ...spec.training },
  );
  const validationLogits = spec.validation.map((item) => logits(model, featurise(item.text)));
  const validationIds = spec.validation.map((item) => spec.labels.indexOf(item.label));
  const temperature = fitTemperature(validationLogits, validationIds);
  const doc = `${spec.name}: trained by crypto-dt-source npm run model:train.`;
  writeFileSync(
    join(dir, 'onnx', 'model_quantized.onnx'),
    encodeQuantizedModel({ model, tables, temperature, docString: doc }),
  );
  const validation = await scoredAccuracy(dir, spec.validation);
  return {
    vocabSize: vocab.length,
    temperature,
    validation: {
      ...validation.accuracy,
      eceBefore: expectedCalibrationError(
        validationLogits.map((row) => softmax(row)),
        validationIds,
      ),
      eceAfter: validation.ece(spec.labels),
      baseline: baselineAccuracy(spec, spec.validation),
    },
    development: await cryptoFigures(dir, spec, spec.development),
    heldOut: spec.heldOut && (await cryptoFigures(dir, spec, spec.heldOut)),
    behaviour: await runSuite((texts) => scoreWithPipeline(dir, texts), spec.labelOf),
  };
}

async function scoredAccuracy(dir: string, items: readonly LabelledText[]) {
  const scores = await scoreWithPipeline(
    dir,
    items.map((item) => item.text),
  );
  const predicted = scores.map(topLabel);
  return {
    predicted,
    accuracy: accuracy(items, predicted),
    ece: (labels: string[]) =>
      expectedCalibrationError(
        scores.map((row) => labels.map((label) => row[label])),
        items.map((item) => labels.indexOf(item.label)),
      ),
  };
}

async function cryptoFigures(
  dir: string,
  spec: ModelSpec,
  items: readonly LabelledText[],
): Promise<CryptoFigures> {
  const scored = await scoredAccuracy(dir, items);
  const labels = [...new Set(items.map((item) => item.label))].sort();
  return {
    ...scored.accuracy,
    headlines: items.length,
    macroF1: macroF1(items, scored.predicted, labels),
    ece: scored.ece(spec.labels),
    baseline: baselineAccuracy(spec, items),
  };
}

function baselineAccuracy(spec: ModelSpec, items: readonly LabelledText[]): number {
  return accuracy(
    items,
    items.map((item) => spec.baseline(item.text)),
  ).overall;
}

/** GloVe rows for words it knows; small seeded random rows for word pieces and the rest. */
function initialEmbeddings(vocab: readonly string[], vectors: WordVectors): Float32Array {
  const d = EMBEDDING_DIMENSIONS;
  const random = seededRandom(DEFAULT_TRAINING.seed);
  const out = new Float32Array(vocab.length * d);
  vocab.forEach((token, id) => {
    const vector = vectors.vector(token);
    for (let k = 0; k < d; k++) {
      out[id * d + k] = vector ? vector[k] : (random() * 2 - 1) * 0.1;
    }
  });
  return out;
}

function modelConfig(labels: string[], vocabSize: number): object {
  return {
    model_type: 'distilbert',
    architectures: ['DistilBertForSequenceClassification'],
    problem_type: 'single_label_classification',
    id2label: Object.fromEntries(labels.map((label, i) => [String(i), label])),
    label2id: Object.fromEntries(labels.map((label, i) => [label, i])),
    vocab_size: vocabSize,
    dim: EMBEDDING_DIMENSIONS,
    max_position_embeddings: MAX_LENGTH,
    'transformers.js_config': { dtype: 'q8' },
  };
}

function writeJson(path: string, value: object, indent = 2): void {
  writeFileSync(path, `${JSON.stringify(value, null, indent)}\n`);
}
