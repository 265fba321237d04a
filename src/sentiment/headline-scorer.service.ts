import { Injectable } from '@nestjs/common';
import { sentimentColumns } from '../news/news-sentiment';
import { type HeadlineToScore, NewsStore, type SentimentColumns } from '../news/news.store';
import { SentimentAnalyzer } from './engine/sentiment-analyzer.service';

/** Which views of a stored headline to (re-)score. */
export interface ViewsToScore {
  binary: boolean;
  market: boolean;
}

export const BATCH = 64;

/** Scores chosen views of stored headlines in batches and saves them on their rows. */
@Injectable()
export class HeadlineScorer {
  constructor(
    private readonly analyzer: SentimentAnalyzer,
    private readonly news: NewsStore,
  ) {}

  /** How many rows got at least one view; a role whose model cannot score leaves its view as is. */
  async score(
    rows: readonly HeadlineToScore[],
    which: (row: HeadlineToScore) => ViewsToScore,
  ): Promise<number> {
    let updated = 0;
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const columns = new Map<number, Partial<SentimentColumns>>();
      for (const role of ['binary', 'market'] as const) {
        const chosen = batch.filter((row) => which(row)[role]);
        const views = await this.analyzer.tryViews(
          chosen.map((row) => row.title),
          { binary: role === 'binary', market: role === 'market' },
        );
        views.forEach((view, j) => {
          const id = chosen[j].id;
          columns.set(id, { ...columns.get(id), ...sentimentColumns(view) });
        });
      }
      for (const [id, values] of columns) {
        if (Object.keys(values).length > 0) {
          await this.news.saveSentiment(id, values);
          updated++;
        }
      }
    }
    return updated;
  }
}
