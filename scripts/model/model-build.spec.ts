import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { predict, softmax, train } from './classifier';
import { quantize } from './onnx';
import { seededRandom, shuffle } from './random';
import { buildVocab, preTokenize } from './wordpiece';

describe('model:train building blocks', () => {
  it('pre-tokenises like BERT: lower case, accents stripped, punctuation split off', () => {
    assert.deepEqual(preTokenize('Café ROCKS, doesn’t it?!'), [
      'cafe',
      'rocks',
      ',',
      'doesn',
      '’',
      't',
      'it',
      '?',
      '!',
    ]);
  });

  it('builds a vocabulary with the special tokens first, every character and frequent words', () => {
    const vocab = buildVocab(['bullish bullish market', 'bearish market', 'bullish'], {
      minWordCount: 2,
      maxWords: 10,
      maxPieces: 2,
    });
    assert.deepEqual(vocab.slice(0, 5), ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']);
    assert.ok(vocab.includes('bullish') && vocab.includes('market'));
    assert.ok(!vocab.includes('bearish'), 'seen once: left to word pieces');
    assert.ok(vocab.includes('b') && vocab.includes('##h'));
    assert.equal(new Set(vocab).size, vocab.length);
  });

  it('quantises to uint8 within half a step of the original values', () => {
    const values = Float32Array.from([-0.5, -0.1, 0, 0.2, 0.75]);
    const { data, scale, zeroPoint } = quantize(values);
    values.forEach((v, i) =>
      assert.ok(Math.abs((data[i] - zeroPoint) * scale - v) <= scale / 2 + 1e-7),
    );
  });

  it('trains deterministically and learns a separable toy problem', () => {
    const weights = (ids: number[]) => ({
      ids,
      plain: Float32Array.from(ids, () => 1 / ids.length),
      negated: new Float32Array(ids.length),
    });
    const examples = Array.from({ length: 200 }, (_, i) => ({
      ...weights([2, i % 2 ? 5 : 6, 7 + (i % 3), 3]),
      label: i % 2,
      weight: 1,
    }));
    const initial = { embeddings: new Float32Array(40).fill(0.1), dimensions: 4, classes: 2 };
    initial.embeddings.set([1, 0, 0, 0], 5 * 4);
    initial.embeddings.set([0, 1, 0, 0], 6 * 4);
    const options = { epochs: 5, learningRate: 0.3, embeddingRate: 0.5, seed: 1 };
    const a = train(examples, initial, options);
    const b = train(examples, initial, options);
    assert.deepEqual(a.embeddings, b.embeddings);
    assert.equal(predict(a, weights([2, 5, 8, 3])), 1);
    assert.equal(predict(a, weights([2, 6, 8, 3])), 0);
  });

  it('has a seeded generator and a softmax that sums to one', () => {
    assert.deepEqual(
      shuffle([1, 2, 3, 4, 5], seededRandom(3)),
      shuffle([1, 2, 3, 4, 5], seededRandom(3)),
    );
    assert.ok(Math.abs(softmax([1, 2, 3]).reduce((x, y) => x + y, 0) - 1) < 1e-12);
  });
});
