/** The model card written next to each bundled model, with the figures the training run measured. */
import type { CryptoFigures, Figures, ModelSpec } from './build-model';
import { CARD_TEXTS, LABELLING_GUIDE, ZERO_SHOT } from './card-texts';
import { INTENSIFIER_BOOST, INTENSIFIER_REACH, NEGATION_REACH } from './features';

const f4 = (value: number) => value.toFixed(4);
const pct = (passed: number, total: number) =>
  `${((100 * passed) / Math.max(total, 1)).toFixed(1)} %`;

export function modelCard(spec: ModelSpec, figures: Figures): string {
  const text = CARD_TEXTS[spec.name];
  const sources = Object.keys(figures.validation.bySource);
  const counts = new Map<string, number>();
  for (const item of spec.train) {
    counts.set(item.source, (counts.get(item.source) ?? 0) + 1);
  }
  return [
    `# ${spec.name}: ${text.title}`,
    '',
    text.purpose,
    '',
    `Labels: ${spec.labels.map((l) => `\`${l}\``).join(', ')}. Built by \`npm run model:train\` (seeded, deterministic);`,
    'do not edit these files by hand.',
    '',
    '## Architecture',
    '',
    `A WordPiece tokenizer (${figures.vocabSize} tokens: the training words, the ${spec.pretrainedWords.toLocaleString('en')} most frequent words of the`,
    'pretrained vectors, and word pieces so unseen words still split into known parts) and a classifier',
    'over 100-dimensional token embeddings, initialised from pretrained GloVe vectors and fine-tuned,',
    'stored as uint8 with one scale and zero point. Inside the ONNX graph, lookup tables over the',
    'vocabulary give each token a weight: 0 for coin names, tickers, numbers, months and weekdays',
    `(they say which asset or when, not how the news is), ×${1 + INTENSIFIER_BOOST} within ${INTENSIFIER_REACH} tokens of an intensifier`,
    `("sharply", "very"), and a causal window marks the ${NEGATION_REACH} tokens after a negator ("not", "n't", "without",`,
    '"fails") as negated. Plain and negated tokens are averaged separately and each mean goes through',
    'its own linear layer; the negated layer starts as the mirror of the plain one ("not good" ≈ −"good")',
    "and learns corrections. It runs through transformers.js's `text-classification` pipeline exactly",
    "like a hub model (`dtype: 'q8'`).",
    '',
    `Training: softmax cross-entropy, SGD over ${spec.train.length} examples with class weights (rare classes count more).`,
    `Calibration: temperature scaling fitted on the validation data (T = ${f4(figures.temperature)}), built into the graph,`,
    'so `score` reads as a probability.',
    '',
    '## Data and licences',
    '',
    ...text.data.map((line) => `- ${line}`),
    '',
    '| training source | examples |',
    '| --- | --- |',
    ...[...counts].sort().map(([source, n]) => `| ${source} | ${n} |`),
    '',
    `## Validation (${text.validation}; scored through the pipeline, q8)`,
    '',
    '| | value |',
    '| --- | --- |',
    `| **accuracy** | **${f4(figures.validation.overall)}** |`,
    ...sources.map((s) => `| accuracy on ${s} | ${f4(figures.validation.bySource[s])} |`),
    `| VADER lexicon sum (keyword baseline) accuracy | ${f4(figures.validation.baseline)} |`,
    `| expected calibration error before temperature scaling | ${f4(figures.validation.eceBefore)} |`,
    `| expected calibration error after | ${f4(figures.validation.eceAfter)} |`,
    '',
    ...cryptoSection(
      `Crypto development set (${text.evaluation})`,
      DEVELOPMENT,
      figures.development,
    ),
    ...cryptoSection(`Held-out crypto set (${text.evaluation})`, HELD_OUT, figures.heldOut),
    ...LABELLING_GUIDE,
    '',
    '## Behavioural tests (CheckList-style, `scripts/model/behaviour.ts`, run by `npm test`)',
    '',
    '| capability | passed | pass rate |',
    '| --- | --- | --- |',
    ...figures.behaviour.map(
      (r) => `| ${r.capability} | ${r.passed} / ${r.total} | ${pct(r.passed, r.total)} |`,
    ),
    '',
    ...failures(figures),
    '## Zero-shot',
    '',
    ...ZERO_SHOT,
    '',
    '## Known limits',
    '',
    ...text.limits.map((line) => `- ${line}`),
    '',
  ].join('\n');
}

const DEVELOPMENT =
  '`scripts/model/eval/crypto-dev.tsv`. Never trained on, but it was looked at while the models were tuned, so these figures flatter the model: read the held-out set below for an honest measure.';
const HELD_OUT =
  '`scripts/model/eval/crypto-heldout.tsv`. Written before the last round of tuning, checked by script for near-duplicates of the training and development headlines, never trained or tuned on, and scored once at the end: these are the honest figures.';

function cryptoSection(title: string, about: string, figures?: CryptoFigures): string[] {
  if (!figures) {
    return [`## ${title}`, '', 'Not scored in this build (`--dev-only`).', ''];
  }
  return [
    `## ${title}`,
    '',
    about,
    '',
    '| | value |',
    '| --- | --- |',
    `| headlines | ${figures.headlines} |`,
    `| **accuracy** | **${f4(figures.overall)}** |`,
    `| **macro-F1** | **${f4(figures.macroF1)}** |`,
    `| expected calibration error | ${f4(figures.ece)} |`,
    `| VADER lexicon sum (keyword baseline) accuracy | ${f4(figures.baseline)} |`,
    '',
  ];
}

function failures(figures: Figures): string[] {
  const failed = figures.behaviour.flatMap((r) => r.failures.map((f) => `- ${r.capability}: ${f}`));
  return failed.length ? ['Failed cases:', '', ...failed, ''] : [];
}
