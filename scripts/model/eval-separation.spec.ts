import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { behaviouralSuite, caseTexts } from './behaviour';
import {
  cryptoEvaluation,
  cryptoTraining,
  financialNews,
  lexiconExamples,
  vaderGroundTruth,
  vaderLexicon,
} from './datasets';
import { isEntityToken } from './features';
import { preTokenize } from './wordpiece';

const DATA_DIR =
  process.env.SENTIMENT_DATA_DIR ??
  join(__dirname, '..', '..', '..', '..', 'shared', 'datasets', 'sentiment');

/** Lower case, punctuation, coin names and numbers dropped: "BTC rises 5%" = "Ether rises 9%". */
function key(text: string): string {
  return preTokenize(text)
    .filter((token) => /[\p{L}\p{N}]/u.test(token) && !isEntityToken(token))
    .join(' ');
}

function overlap(texts: readonly string[], training: readonly string[]): string[] {
  const keys = new Set(training.map(key));
  return texts.filter((text) => keys.has(key(text)));
}

describe('the crypto evaluation set and the behavioural suite stay apart from training', () => {
  const evaluation = cryptoEvaluation();
  const suite = behaviouralSuite().flatMap(caseTexts);

  it('has at least 200 labelled headlines, each once, in all three classes', () => {
    assert.ok(evaluation.length >= 200, `${evaluation.length} headlines`);
    assert.equal(new Set(evaluation.map((item) => key(item.text))).size, evaluation.length);
    for (const label of ['bullish', 'bearish', 'neutral']) {
      assert.ok(evaluation.filter((item) => item.label === label).length >= 60, label);
    }
    assert.deepEqual(
      evaluation.filter((item) => !['bullish', 'bearish', 'neutral'].includes(item.label)),
      [],
    );
  });

  it('shares no headline or behavioural case with the project training headlines', () => {
    const training = cryptoTraining().map((item) => item.text);
    assert.deepEqual(
      overlap(
        evaluation.map((item) => item.text),
        training,
      ),
      [],
    );
    assert.deepEqual(overlap(suite, training), []);
  });

  it(
    'shares no headline or behavioural case with the shared training data',
    { skip: existsSync(DATA_DIR) ? false : `no training data at ${DATA_DIR}` },
    () => {
      const vader = vaderGroundTruth(DATA_DIR);
      const sentences = [
        ...vader.train,
        ...vader.test,
        ...financialNews(DATA_DIR, 'tfns_train.csv'),
      ].map((item) => item.text);
      const lexicon = lexiconExamples(vaderLexicon(DATA_DIR)).map((item) => item.text);
      assert.deepEqual(
        overlap(
          evaluation.map((item) => item.text),
          [...sentences, ...lexicon],
        ),
        [],
      );
      // Lexicon entries are single rated words: a case such as "BTC gains" shares its one word
      // by design, so the suite is checked against the sentences only.
      assert.deepEqual(overlap(suite, sentences), []);
    },
  );

  it('notices an overlap when there is one (the check itself works)', () => {
    assert.deepEqual(overlap(['Solana rallies 12% on Monday!'], ['BTC rallies 3% on Friday']), [
      'Solana rallies 12% on Monday!',
    ]);
  });
});
