import { Injectable, Logger } from '@nestjs/common';
import { marketLabel, marketScores, type MarketLabel, sentimentLabel, topScore } from './labels';
import type { ModelRole } from './model-catalogue';
import { ModelManager } from './model-manager.service';

export interface TextSentiment {
  label: string;
  score: number;
  model: string;
  /** The model's file digest (stored with news rows, not shown to callers). */
  revision: string | null;
}

export interface MarketView {
  sentiment: MarketLabel;
  scores: Record<MarketLabel, number>;
  model: string;
  revision: string | null;
}

export interface MarketSentiment extends Omit<MarketView, 'revision'> {
  /** zero-shot: the NLI model with the candidate labels; classifier: a three-class model. */
  method: 'zero-shot' | 'classifier';
}

/** Both views of one headline; null where that role's model could not score it. */
export interface HeadlineViews {
  binary: TextSentiment | null;
  market: MarketView | null;
}

const MARKET_LABELS: MarketLabel[] = ['bullish', 'bearish', 'neutral'];

/** Text and market sentiment from whichever model currently serves each role. */
@Injectable()
export class SentimentAnalyzer {
  private readonly logger = new Logger(SentimentAnalyzer.name);

  constructor(private readonly models: ModelManager) {}

  async analyze(texts: string[]): Promise<TextSentiment[]> {
    const { model, revision, scores } = await this.models.classify('sentiment', texts);
    return scores.map((row) => {
      const top = topScore(row);
      return { label: sentimentLabel(top.label), score: top.score, model, revision };
    });
  }

  /** The three-class (financial) model's view of each text, in one batch. */
  async marketViews(texts: string[]): Promise<MarketView[]> {
    const { model, revision, scores: rows } = await this.models.classify('financial', texts);
    return rows.map((row) => {
      const scores = marketScores(row);
      return { sentiment: marketLabel(scores), scores, model, revision };
    });
  }

  /** Zero-shot when an NLI model is ready, otherwise the three-class financial model. */
  async market(text: string): Promise<MarketSentiment> {
    const zeroShot = await this.models.zeroShot(text, MARKET_LABELS);
    if (zeroShot) {
      const scores = marketScores(zeroShot.scores);
      return { sentiment: marketLabel(scores), scores, model: zeroShot.model, method: 'zero-shot' };
    }
    const [{ sentiment, scores, model }] = await this.marketViews([text]);
    return { sentiment, scores, model, method: 'classifier' };
  }

  /**
   * For background scoring of headlines: each role's view, or null for a role whose model
   * cannot score right now (it is caught up later). Headlines get the three-class model, not
   * zero-shot: an NLI model runs once per candidate label and text, too slow for every headline.
   */
  async tryViews(
    texts: string[],
    roles: { binary: boolean; market: boolean } = { binary: true, market: true },
  ): Promise<HeadlineViews[]> {
    const [binary, market] = await Promise.all([
      roles.binary ? this.attempt('sentiment', () => this.analyze(texts)) : null,
      roles.market ? this.attempt('financial', () => this.marketViews(texts)) : null,
    ]);
    return texts.map((_, i) => ({ binary: binary?.[i] ?? null, market: market?.[i] ?? null }));
  }

  private async attempt<T>(role: ModelRole, score: () => Promise<T[]>): Promise<T[] | null> {
    if (!this.models.active(role)) {
      return null;
    }
    try {
      return await score();
    } catch (error) {
      this.logger.warn(`Scoring with the ${role} model failed: ${(error as Error).message}`);
      return null;
    }
  }
}
