import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { behaviouralSuite, caseTexts } from './behaviour';
import {
  cryptoDevelopment,
  cryptoHeldOut,
  cryptoTraining,
  financialNews,
  lexiconExamples,
  vaderGroundTruth,
  vaderLexicon,
  type LabelledText,
} from './datasets';
import { nearDuplicates } from './near-duplicates';

const DATA_DIR =
  process.env.SENTIMENT_DATA_DIR ??
  join(__dirname, '..', '..', '..', '..', 'shared', 'datasets', 'sentiment');

const texts = (items: readonly LabelledText[]) => items.map((item) => item.text);
/** Exact repeats once coin names, numbers and punctuation are dropped. */
const repeats = (a: readonly string[], b: readonly string[]) => nearDuplicates(a, b, 1);

describe('the crypto evaluation sets and the behavioural suite stay apart from training', () => {
  const development = cryptoDevelopment();
  const heldOut = cryptoHeldOut();
  const suite = behaviouralSuite().flatMap(caseTexts);

  for (const [name, set] of [
    ['development', development],
    ['held-out', heldOut],
  ] as const) {
    it(`${name} set: at least 200 labelled headlines, each once, in all three classes`, () => {
      assert.ok(set.length >= 200, `${set.length} headlines`);
      for (const [i, item] of set.entries()) {
        assert.deepEqual(repeats([item.text], texts(set.slice(i + 1))), [], 'repeated');
      }
      for (const label of ['bullish', 'bearish', 'neutral']) {
        assert.ok(set.filter((item) => item.label === label).length >= 60, label);
      }
      assert.deepEqual(
        set.filter((item) => !['bullish', 'bearish', 'neutral'].includes(item.label)),
        [],
      );
    });
  }

  it('no evaluation headline or behavioural case is a project training headline', () => {
    const training = texts(cryptoTraining());
    assert.deepEqual(repeats(texts([...development, ...heldOut]), training), []);
    assert.deepEqual(repeats(suite, training), []);
  });

  it('the held-out set has no near-duplicate in the training headlines or the development set', () => {
    assert.deepEqual(nearDuplicates(texts(heldOut), texts(cryptoTraining())), []);
    assert.deepEqual(nearDuplicates(texts(heldOut), texts(development)), []);
  });

  it(
    'no evaluation headline or behavioural case is in the shared training data',
    { skip: existsSync(DATA_DIR) ? false : `no training data at ${DATA_DIR}` },
    () => {
      const vader = vaderGroundTruth(DATA_DIR);
      const sentences = texts([
        ...vader.train,
        ...vader.test,
        ...financialNews(DATA_DIR, 'tfns_train.csv'),
      ]);
      const lexicon = texts(lexiconExamples(vaderLexicon(DATA_DIR)));
      assert.deepEqual(repeats(texts(development), [...sentences, ...lexicon]), []);
      assert.deepEqual(nearDuplicates(texts(heldOut), [...sentences, ...lexicon]), []);
      // Lexicon entries are single rated words: a case such as "BTC gains" shares its one word
      // by design, so the suite is checked against the sentences only.
      assert.deepEqual(repeats(suite, sentences), []);
    },
  );

  it('notices a repeat or a near-duplicate when there is one (the check itself works)', () => {
    assert.deepEqual(
      repeats(['Solana rallies 12% on Monday!'], ['BTC rallies 3% on Friday']).map((n) => n.text),
      ['Solana rallies 12% on Monday!'],
    );
    const near = nearDuplicates(
      ['Bitcoin slides below $60,000 as ETF outflows deepen'],
      ['Ether slides below $3,000 as ETF outflows grow', 'Bitcoin climbs as ETF inflows return'],
    );
    assert.deepEqual(
      near.map((n) => n.other),
      ['Ether slides below $3,000 as ETF outflows grow'],
    );
  });
});
