/** Reads the MIT-licensed labelled data in ../shared/datasets/sentiment (never committed here). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface LabelledText {
  text: string;
  label: string;
  /** Where the text comes from, for per-source accuracy. */
  source: string;
}

export const VADER_SOURCES = [
  'tweets',
  'movieReviewSnippets',
  'nytEditorialSnippets',
  'amazonReviewSnippets',
];
const TFNS_LABELS = ['bearish', 'bullish', 'neutral'];
/** VADER texts rated within ±0.5 of zero are too close to call either way. */
const VADER_MARGIN = 0.5;
/** Lexicon words with a mean rating of at least ±1 are clear enough to learn from. */
const LEXICON_MARGIN = 1;
const TEST_SHARE = 0.2;

/** VADER ground truth, binarised, split 80/20 by a hash of source and id (stable for any order). */
export function vaderGroundTruth(dir: string): { train: LabelledText[]; test: LabelledText[] } {
  const train: LabelledText[] = [];
  const test: LabelledText[] = [];
  for (const source of VADER_SOURCES) {
    const lines = readFileSync(join(dir, `vader_${source}.txt`), 'utf8').split('\n');
    for (const line of lines) {
      const [id, rating, ...rest] = line.split('\t');
      const mean = Number(rating);
      const text = rest.join('\t').trim();
      if (!text || !Number.isFinite(mean) || Math.abs(mean) < VADER_MARGIN) {
        continue;
      }
      const item = { text, label: mean > 0 ? 'POSITIVE' : 'NEGATIVE', source: `vader-${source}` };
      (isTest(`${source}:${id}`) ? test : train).push(item);
    }
  }
  return { train, test };
}

function isTest(key: string): boolean {
  return createHash('sha256').update(key).digest()[0] < 256 * TEST_SHARE;
}

/** token → mean rating on -4..+4. */
export function vaderLexicon(dir: string): Map<string, number> {
  const lexicon = new Map<string, number>();
  for (const line of readFileSync(join(dir, 'vader_lexicon.txt'), 'utf8').split('\n')) {
    const [token, mean] = line.split('\t');
    if (token && Number.isFinite(Number(mean))) {
      lexicon.set(token, Number(mean));
    }
  }
  return lexicon;
}

/** Single lexicon words as extra training examples for the binary model. */
export function lexiconExamples(lexicon: Map<string, number>): LabelledText[] {
  return [...lexicon]
    .filter(([token, mean]) => /\p{L}/u.test(token) && Math.abs(mean) >= LEXICON_MARGIN)
    .map(([token, mean]) => ({
      text: token,
      label: mean > 0 ? 'POSITIVE' : 'NEGATIVE',
      source: 'vader-lexicon',
    }));
}

/** Twitter Financial News Sentiment: `bearish`, `bullish` or `neutral`. */
export function financialNews(
  dir: string,
  file: 'tfns_train.csv' | 'tfns_valid.csv',
): LabelledText[] {
  const rows = parse<{ text: string; label: string }>(readFileSync(join(dir, file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  });
  return rows.map((row) => ({
    text: row.text,
    label: TFNS_LABELS[Number(row.label)],
    source: 'tfns',
  }));
}

/** The project's own files: committed under scripts/model (relative to dist-test/scripts/model too). */
export const PROJECT_DATA_DIR = join(__dirname, '..', '..', '..', 'scripts', 'model');

/** Coin names and tickers the training phrases rotate through, so none is tied to one label. */
const TRAINING_SUBJECTS = [
  'Bitcoin',
  'Ethereum',
  'Solana',
  'XRP',
  'Cardano',
  'Dogecoin',
  'BTC',
  'ETH',
  'Avalanche',
  'Polkadot',
  'Chainlink',
  'Litecoin',
  'Tron',
  'Monero',
  'Kaspa',
  'SOL',
  'ADA',
  'DOGE',
];

function readTsv(path: string): { label: string; text: string }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => {
      const [label, text] = line.split('\t');
      return { label, text: text.trim() };
    });
}

/** The project's own crypto training headlines (scripts/model/data), bullish/bearish/neutral. */
export function cryptoTraining(): LabelledText[] {
  return readTsv(join(PROJECT_DATA_DIR, 'data', 'crypto-training.tsv')).map((row, i) => ({
    text: row.text.replace('{coin}', TRAINING_SUBJECTS[i % TRAINING_SUBJECTS.length]),
    label: row.label,
    source: 'crypto-training',
  }));
}

/**
 * The crypto development set (scripts/model/eval/crypto-dev.tsv): never trained on, but looked at
 * while the models were tuned, so its figures are not a held-out measure.
 */
export function cryptoDevelopment(): LabelledText[] {
  return cryptoSet('crypto-dev.tsv', 'crypto-dev');
}

/**
 * The held-out crypto set (scripts/model/eval/crypto-heldout.tsv): written before the last round
 * of tuning and scored once at the end; `npm run model:train -- --dev-only` leaves it unscored.
 */
export function cryptoHeldOut(): LabelledText[] {
  return cryptoSet('crypto-heldout.tsv', 'crypto-heldout');
}

function cryptoSet(file: string, source: string): LabelledText[] {
  return readTsv(join(PROJECT_DATA_DIR, 'eval', file)).map((row) => ({ ...row, source }));
}
