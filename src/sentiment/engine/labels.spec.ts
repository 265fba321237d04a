import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelMapProblem } from './labels';

describe('labelMapProblem: a model’s labels against its role', () => {
  it('accepts POSITIVE/NEGATIVE (NEUTRAL optional) in any case for sentiment', () => {
    assert.equal(labelMapProblem('sentiment', ['NEGATIVE', 'POSITIVE']), null);
    assert.equal(labelMapProblem('sentiment', ['negative', 'neutral', 'positive']), null);
  });

  it('refuses generic LABEL_n names and market labels for sentiment, naming the labels', () => {
    assert.equal(
      labelMapProblem('sentiment', ['LABEL_0', 'LABEL_1']),
      'config.json id2label has LABEL_0, LABEL_1; a sentiment model needs POSITIVE and ' +
        'NEGATIVE (NEUTRAL optional)',
    );
    assert.match(
      labelMapProblem('sentiment', ['bearish', 'bullish', 'neutral']) ?? '',
      /has bearish, bullish, neutral; a sentiment model needs/,
    );
    assert.match(labelMapProblem('sentiment', ['POSITIVE']) ?? '', /needs POSITIVE and NEGATIVE/);
    assert.match(labelMapProblem('sentiment', []) ?? '', /id2label has none/);
  });

  it('accepts bullish/bearish/neutral and the finbert-style positive/negative/neutral for financial', () => {
    assert.equal(labelMapProblem('financial', ['bearish', 'bullish', 'neutral']), null);
    assert.equal(labelMapProblem('financial', ['positive', 'negative', 'neutral']), null);
    assert.equal(labelMapProblem('financial', ['NEGATIVE', 'POSITIVE']), null);
  });

  it('refuses financial labels that do not map, or that map twice to one market label', () => {
    assert.match(
      labelMapProblem('financial', ['LABEL_0', 'LABEL_1', 'LABEL_2']) ?? '',
      /has LABEL_0, LABEL_1, LABEL_2; a financial model needs bullish and bearish/,
    );
    assert.match(labelMapProblem('financial', ['bullish', 'neutral']) ?? '', /needs bullish/);
    assert.match(
      labelMapProblem('financial', ['bullish', 'positive', 'bearish']) ?? '',
      /needs bullish/,
    );
    assert.match(labelMapProblem('financial', ['bullish', 'BULLISH']) ?? '', /appears twice/);
  });

  it('asks a zero-shot model for an entailment label', () => {
    assert.equal(labelMapProblem('zero-shot', ['CONTRADICTION', 'NEUTRAL', 'ENTAILMENT']), null);
    assert.match(labelMapProblem('zero-shot', ['LABEL_0', 'LABEL_1']) ?? '', /ENTAILMENT/);
  });
});
