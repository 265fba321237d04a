/**
 * Finds evaluation texts that repeat, or nearly repeat, a text from another set. Two texts are
 * compared by their content words (lower case, punctuation, coin names, tickers, numbers, months
 * and weekdays dropped, as the model itself ignores them), so "BTC rises 5%" equals
 * "Ether rises 9%" and a headline that only swaps a few words is still caught.
 */
import { isEntityToken } from './features';
import { preTokenize } from './wordpiece';

/** Share of content words two texts must have in common (Jaccard) to count as near-duplicates. */
export const NEAR_DUPLICATE_SIMILARITY = 0.6;

export function contentWords(text: string): string[] {
  return preTokenize(text).filter((token) => /[\p{L}\p{N}]/u.test(token) && !isEntityToken(token));
}

export interface NearDuplicate {
  text: string;
  other: string;
  similarity: number;
}

/** Every text of `texts` whose content words match a text of `others` at or above `threshold`. */
export function nearDuplicates(
  texts: readonly string[],
  others: readonly string[],
  threshold = NEAR_DUPLICATE_SIMILARITY,
): NearDuplicate[] {
  const index = new Map<string, number[]>();
  const otherSets = others.map((other, i) => {
    const words = new Set(contentWords(other));
    for (const word of words) {
      const list = index.get(word);
      if (list) {
        list.push(i);
      } else {
        index.set(word, [i]);
      }
    }
    return words;
  });
  const found: NearDuplicate[] = [];
  for (const text of texts) {
    const words = new Set(contentWords(text));
    const shared = new Map<number, number>();
    for (const word of words) {
      for (const i of index.get(word) ?? []) {
        shared.set(i, (shared.get(i) ?? 0) + 1);
      }
    }
    let best: NearDuplicate | undefined;
    for (const [i, common] of shared) {
      const similarity = common / (words.size + otherSets[i].size - common);
      if (similarity >= threshold && similarity > (best?.similarity ?? 0)) {
        best = { text, other: others[i], similarity };
      }
    }
    if (best) {
      found.push(best);
    }
  }
  return found;
}
