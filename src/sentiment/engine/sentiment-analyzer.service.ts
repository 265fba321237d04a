import { Injectable, Logger } from '@nestjs/common';
import { marketLabel, marketScores, type MarketLabel, sentimentLabel, topScore } from './labels';
import { ModelManager } from './model-manager.service';

export interface TextSentiment {
  label: string;
  score: number;
  model: string;
}

export interface MarketSentiment {
  sentiment: MarketLabel;
  scores: Record<MarketLabel, number>;
  model: string;
  /** zero-shot: the NLI model with the candidate labels; classifier: a three-class model. */
  method: 'zero-shot' | 'classifier';
}

const MARKET_LABELS: MarketLabel[] = ['bullish', 'bearish', 'neutral'];

/** Text and market sentiment from whichever model currently serves each role. */
@Injectable()
export class SentimentAnalyzer {
  private readonly logger = new Logger(SentimentAnalyzer.name);

  constructor(private readonly models: ModelManager) {}

  async analyze(texts: string[]): Promise<TextSentiment[]> {
    const { model, scores } = await this.models.classify('sentiment', texts);
    return scores.map((row) => {
      const top = topScore(row);
      return { label: sentimentLabel(top.label), score: top.score, model };
    });
  }

  /** Zero-shot when an NLI model is ready, otherwise the three-class financial model. */
  async market(text: string): Promise<MarketSentiment> {
    const zeroShot = await this.models.zeroShot(text, MARKET_LABELS);
    if (zeroShot) {
      const scores = marketScores(zeroShot.scores);
      return { sentiment: marketLabel(scores), scores, model: zeroShot.model, method: 'zero-shot' };
    }
    const { model, scores: rows } = await this.models.classify('financial', [text]);
    const scores = marketScores(rows[0]);
    return { sentiment: marketLabel(scores), scores, model, method: 'classifier' };
  }

  /** For background scoring: null instead of an error when no model can score right now. */
  async tryAnalyze(texts: string[]): Promise<TextSentiment[] | null> {
    if (texts.length === 0 || !this.models.active('sentiment')) {
      return null;
    }
    try {
      return await this.analyze(texts);
    } catch (error) {
      this.logger.warn(`Scoring ${texts.length} texts failed: ${(error as Error).message}`);
      return null;
    }
  }
}
