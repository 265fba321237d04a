/**
 * Hub-style model folders for tests, made offline: a copy of a bundled model under a hub id, and
 * a tiny untrained NLI model whose labels make transformers.js run zero-shot classification.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeQuantizedModel } from '../../scripts/model/onnx';
import { seededRandom } from '../../scripts/model/random';
import { REPO_ROOT } from './test-app';

const BUNDLED = join(REPO_ROOT, 'models');

/** What `npm run models:fetch` leaves in MODELS_DIR for a hub id, copied from a bundled model. */
export function seedHubCopy(modelsDir: string, id: string, bundled: string): void {
  cpSync(join(BUNDLED, bundled), join(modelsDir, id), { recursive: true });
}

/** An NLI-shaped model (contradiction / neutral / entailment): wiring only, its scores mean nothing. */
export function seedTinyNli(modelsDir: string, id: string): void {
  const dir = join(modelsDir, id);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
    cpSync(join(BUNDLED, 'cdt-sentiment-binary', file), join(dir, file));
  }
  const tokenizer = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number> };
  };
  const vocabSize = Object.keys(tokenizer.model.vocab).length;
  const labels = ['contradiction', 'neutral', 'entailment'];
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      model_type: 'distilbert',
      architectures: ['DistilBertForSequenceClassification'],
      id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])),
      label2id: Object.fromEntries(labels.map((l, i) => [l, i])),
    }),
  );
  const random = seededRandom(7);
  const values = (n: number) => Float32Array.from({ length: n }, () => random() - 0.5);
  const model = encodeQuantizedModel(
    {
      vocabSize,
      dimensions: 8,
      classes: 3,
      embeddings: values(vocabSize * 8),
      weights: values(8 * 3),
      bias: values(3),
    },
    'tiny NLI-shaped test model',
  );
  writeFileSync(join(dir, 'onnx', 'model_quantized.onnx'), model);
}
