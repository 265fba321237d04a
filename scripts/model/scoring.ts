/** Scores texts through the same transformers.js pipeline the service's worker uses. */
import { pipeline } from '@huggingface/transformers';

const BATCH = 64;

export type LabelScores = Record<string, number>;

/** Loads `dir` with dtype q8 and returns every label's probability for each text. */
export async function scoreWithPipeline(
  dir: string,
  texts: readonly string[],
): Promise<LabelScores[]> {
  const classifier = await pipeline('text-classification', dir, { dtype: 'q8' });
  const out: LabelScores[] = [];
  for (let i = 0; i < texts.length; i += BATCH) {
    const batch = texts.slice(i, i + BATCH);
    const rows = (await classifier(batch, { top_k: null })) as unknown as
      { label: string; score: number }[][] | { label: string; score: number }[];
    const perText = batch.length === 1 && !Array.isArray(rows[0]) ? [rows] : rows;
    for (const row of perText as { label: string; score: number }[][]) {
      out.push(Object.fromEntries(row.map((entry) => [entry.label, entry.score])));
    }
  }
  await classifier.dispose();
  return out;
}

export function topLabel(scores: LabelScores): string {
  return Object.entries(scores).sort(([, a], [, b]) => b - a)[0][0];
}
