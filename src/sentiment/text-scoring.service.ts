import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import type { BatchSentimentDto, MarketSentimentDto, TextSentimentDto } from './dto/analyze.dto';
import { SentimentAnalyzer, type TextSentiment } from './engine/sentiment-analyzer.service';

const ECHO_CHARS = 100;

/** Callers' own texts, scored and shaped for the API (the text echoed to 100 characters). */
@Injectable()
export class TextScoringService {
  constructor(
    private readonly analyzer: SentimentAnalyzer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async one(text: string): Promise<TextSentimentDto> {
    return (await this.many([text])).results[0];
  }

  async many(texts: string[]): Promise<BatchSentimentDto> {
    const results = await this.analyzer.analyze(texts);
    const timestamp = new Date().toISOString();
    return {
      results: results.map((r, i) => ({
        text: texts[i].slice(0, ECHO_CHARS),
        label: r.label,
        score: r.score,
        sentiment: this.sentiment(r),
        confidence: r.score,
        model: r.model,
        timestamp,
      })),
      count: results.length,
    };
  }

  async market(text: string): Promise<MarketSentimentDto> {
    const result = await this.analyzer.market(text);
    return { ...result, text: text.slice(0, ECHO_CHARS), timestamp: new Date().toISOString() };
  }

  /** The seed's lower-case label: neutral when the model is not confident enough to say. */
  private sentiment({ label, score }: TextSentiment): 'positive' | 'negative' | 'neutral' {
    const lower = label.toLowerCase();
    if (score < this.config.models.neutralBelow || lower === 'neutral') {
      return 'neutral';
    }
    return lower === 'positive' ? 'positive' : 'negative';
  }
}
