/** The model card written next to each bundled model, with the figures the training run printed. */
import type { Accuracy } from './evaluate';

export interface CardInput {
  name: string;
  title: string;
  labels: string[];
  purpose: string;
  data: string[];
  trainCount: number;
  testCount: number;
  testDescription: string;
  model: Accuracy;
  lexicon: Accuracy;
  majority: { label: string; accuracy: number };
  vocabSize: number;
  dimensions: number;
  limits: string[];
}

const pct = (value: number) => value.toFixed(4);

export function modelCard(card: CardInput): string {
  const sources = Object.keys(card.model.bySource);
  return [
    `# ${card.name}: ${card.title}`,
    '',
    card.purpose,
    '',
    `Labels: ${card.labels.map((l) => `\`${l}\``).join(', ')}. Built by \`npm run model:train\` (seeded, deterministic);`,
    'do not edit these files by hand.',
    '',
    '## Architecture',
    '',
    `A WordPiece tokenizer (${card.vocabSize} tokens, built from the training texts) and a bag-of-WordPieces`,
    `classifier: token embeddings (${card.dimensions} dimensions, stored as uint8 with one scale and zero point)`,
    'averaged over the attention mask, then one linear layer to `logits`. It runs through',
    "transformers.js's `text-classification` pipeline exactly like a hub model (`dtype: 'q8'`).",
    'It is a real trained model, not a transformer: it knows which word pieces carry sentiment, not word order.',
    '',
    '## Data and licences',
    '',
    ...card.data.map((line) => `- ${line}`),
    '',
    `Training examples: ${card.trainCount}. Held-out test examples: ${card.testCount} (${card.testDescription}).`,
    '',
    '## Held-out accuracy (scored through the pipeline, q8)',
    '',
    '| | accuracy |',
    '| --- | --- |',
    `| **this model** | **${pct(card.model.overall)}** |`,
    `| VADER lexicon sum (keyword baseline) | ${pct(card.lexicon.overall)} |`,
    `| majority class (\`${card.majority.label}\`) | ${pct(card.majority.accuracy)} |`,
    '',
    '| source | this model | lexicon baseline |',
    '| --- | --- | --- |',
    ...sources.map(
      (s) => `| ${s} | ${pct(card.model.bySource[s])} | ${pct(card.lexicon.bySource[s] ?? 0)} |`,
    ),
    '',
    '## Known limits',
    '',
    ...card.limits.map((line) => `- ${line}`),
    '',
  ].join('\n');
}
