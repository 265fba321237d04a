/**
 * `npm run model:train`: builds the two bundled offline sentiment models under models/ from the
 * labelled data in ../shared/datasets/sentiment (or --data DIR), then scores the held-out sets
 * through the same transformers.js pipeline the service uses and writes each model card.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AutoTokenizer, env, pipeline } from '@huggingface/transformers';
import { DEFAULT_TRAINING, train, type Example } from './classifier';
import {
  financialNews,
  lexiconExamples,
  vaderGroundTruth,
  vaderLexicon,
  type LabelledText,
} from './datasets';
import { accuracy, lexiconBaseline, majorityLabel, type Accuracy } from './evaluate';
import { modelCard } from './model-card';
import { encodeQuantizedModel } from './onnx';
import { buildVocab, tokenizerConfigJson, tokenizerJson } from './wordpiece';

const MAX_LENGTH = 256;
const BATCH = 64;

interface ModelSpec {
  name: string;
  title: string;
  purpose: string;
  labels: string[];
  train: LabelledText[];
  test: LabelledText[];
  testDescription: string;
  baseline: (text: string) => string;
  data: string[];
  limits: string[];
}

const VADER_DATA =
  'VADER ICWSM-2014 ground truth (Hutto & Gilbert 2014; tweets, movie-review, NYT editorial and Amazon snippets, mean of 20+ raters, binarised at ±0.5) and the VADER lexicon: MIT, © 2016 C.J. Hutto, github.com/cjhutto/vaderSentiment. The movie snippets derive from Pang & Lee 2004, the Amazon snippets from Hu & Liu 2004.';
const TFNS_DATA =
  'Twitter Financial News Sentiment ("zeroshot/twitter-financial-news-sentiment", finance tweets labelled Bearish/Bullish/Neutral): MIT according to its data set card.';
const NOT_COMMITTED =
  'The data files are read from ../shared/datasets/sentiment at training time and are not part of this repository.';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, out: { type: 'string' } },
  });
  const dataDir = resolve(
    values.data ?? process.env.SENTIMENT_DATA_DIR ?? '../shared/datasets/sentiment',
  );
  const outDir = resolve(values.out ?? 'models');
  env.allowRemoteModels = false;
  for (const spec of specs(dataDir)) {
    await build(spec, join(outDir, spec.name));
  }
}

function specs(dataDir: string): ModelSpec[] {
  const vader = vaderGroundTruth(dataDir);
  const lexicon = vaderLexicon(dataDir);
  const tfnsTrain = financialNews(dataDir, 'tfns_train.csv');
  const tfnsTest = financialNews(dataDir, 'tfns_valid.csv');
  const polar = (items: LabelledText[]) =>
    items
      .filter((item) => item.label !== 'neutral')
      .map((item) => ({ ...item, label: item.label === 'bullish' ? 'POSITIVE' : 'NEGATIVE' }));
  const binaryTrain = [...vader.train, ...lexiconExamples(lexicon), ...polar(tfnsTrain)];
  return [
    {
      name: 'cdt-sentiment-binary',
      title: 'general-text sentiment, POSITIVE / NEGATIVE',
      purpose:
        'The bundled default for `SENTIMENT_MODEL` (same output as Xenova/distilbert-base-uncased-finetuned-sst-2-english): scores headlines and user text.',
      labels: ['NEGATIVE', 'POSITIVE'],
      train: binaryTrain,
      test: [...vader.test, ...polar(tfnsTest)],
      testDescription:
        'a 20 % hash split of the VADER ground truth plus the TFNS validation file without Neutral',
      baseline: lexiconBaseline(lexicon, {
        positive: 'POSITIVE',
        negative: 'NEGATIVE',
        zero: majorityLabel(binaryTrain),
      }),
      data: [
        VADER_DATA,
        `${TFNS_DATA} Bearish → NEGATIVE, Bullish → POSITIVE; Neutral left out.`,
        NOT_COMMITTED,
      ],
      limits: [
        'Negation and word order are invisible to a bag of word pieces: "not bad at all" reads as negative.',
        'Every text gets one of the two labels; neutral text gets a forced, often confident label.',
        'Scores are over-confident softmax outputs, not calibrated probabilities: use them to rank.',
        'English only; trained on short texts (tweets, snippets, headlines).',
      ],
    },
    {
      name: 'cdt-market-sentiment',
      title: 'market sentiment, bearish / bullish / neutral',
      purpose:
        'The bundled three-class model behind `POST /api/sentiment/crypto-analysis` when no zero-shot NLI model is configured, and for `FINANCIAL_SENTIMENT_MODEL` by default.',
      labels: ['bearish', 'bullish', 'neutral'],
      train: tfnsTrain,
      test: tfnsTest,
      testDescription: 'the TFNS validation file',
      baseline: lexiconBaseline(lexicon, {
        positive: 'bullish',
        negative: 'bearish',
        zero: 'neutral',
      }),
      data: [
        TFNS_DATA,
        'The VADER lexicon (MIT, as above) is used only for the baseline.',
        NOT_COMMITTED,
      ],
      limits: [
        'Trained on stock-market tweets: crypto-specific slang it has not seen splits into word pieces with little signal.',
        'Negation and word order are invisible to a bag of word pieces.',
        'Scores are over-confident softmax outputs, not calibrated probabilities.',
        'English only.',
      ],
    },
  ];
}

async function build(spec: ModelSpec, dir: string): Promise<void> {
  const started = Date.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const vocab = buildVocab(spec.train.map((item) => item.text));
  writeJson(join(dir, 'tokenizer.json'), tokenizerJson(vocab), 0);
  writeJson(join(dir, 'tokenizer_config.json'), tokenizerConfigJson(MAX_LENGTH));
  writeJson(join(dir, 'config.json'), modelConfig(spec.labels, vocab.length));
  const tokenizer = await AutoTokenizer.from_pretrained(dir);
  const examples: Example[] = spec.train.map((item) => ({
    ids: tokenizer.encode(item.text).slice(0, MAX_LENGTH),
    label: spec.labels.indexOf(item.label),
  }));
  const weights = train(examples, { vocabSize: vocab.length, classes: spec.labels.length });
  const doc = `${spec.name}: ${spec.title}. Trained by crypto-dt-source npm run model:train.`;
  writeFileSync(join(dir, 'onnx', 'model_quantized.onnx'), encodeQuantizedModel(weights, doc));
  const predicted = await classify(
    dir,
    spec.test.map((item) => item.text),
  );
  const majority = majorityLabel(spec.train);
  const figures = {
    model: accuracy(spec.test, predicted),
    lexicon: accuracy(
      spec.test,
      spec.test.map((item) => spec.baseline(item.text)),
    ),
    majority: {
      label: majority,
      accuracy: accuracy(
        spec.test,
        spec.test.map(() => majority),
      ).overall,
    },
  };
  writeFileSync(join(dir, 'README.md'), card(spec, figures, vocab.length));
  report(spec, figures, Date.now() - started);
}

function modelConfig(labels: string[], vocabSize: number): object {
  return {
    model_type: 'distilbert',
    architectures: ['DistilBertForSequenceClassification'],
    problem_type: 'single_label_classification',
    id2label: Object.fromEntries(labels.map((label, i) => [String(i), label])),
    label2id: Object.fromEntries(labels.map((label, i) => [label, i])),
    vocab_size: vocabSize,
    dim: DEFAULT_TRAINING.dimensions,
    max_position_embeddings: MAX_LENGTH,
    'transformers.js_config': { dtype: 'q8' },
  };
}

async function classify(dir: string, texts: string[]): Promise<string[]> {
  const classifier = await pipeline('text-classification', dir, { dtype: 'q8' });
  const labels: string[] = [];
  for (let i = 0; i < texts.length; i += BATCH) {
    const output = (await classifier(texts.slice(i, i + BATCH))) as { label: string }[];
    labels.push(...output.map((row) => row.label));
  }
  await classifier.dispose();
  return labels;
}

function card(spec: ModelSpec, figures: Figures, vocabSize: number): string {
  return modelCard({
    ...spec,
    ...figures,
    trainCount: spec.train.length,
    testCount: spec.test.length,
    vocabSize,
    dimensions: DEFAULT_TRAINING.dimensions,
  });
}

interface Figures {
  model: Accuracy;
  lexicon: Accuracy;
  majority: { label: string; accuracy: number };
}

function report(spec: ModelSpec, figures: Figures, ms: number): void {
  const line = (label: string, value: number) => `  ${label.padEnd(34)} ${value.toFixed(4)}`;
  console.log(
    `${spec.name} (${spec.train.length} training, ${spec.test.length} held-out examples, ${ms} ms)`,
  );
  console.log(line('held-out accuracy', figures.model.overall));
  console.log(line('lexicon baseline', figures.lexicon.overall));
  console.log(line(`majority class (${figures.majority.label})`, figures.majority.accuracy));
}

function writeJson(path: string, value: object, indent = 2): void {
  writeFileSync(path, `${JSON.stringify(value, null, indent)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
