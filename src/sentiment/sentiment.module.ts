import { Module } from '@nestjs/common';
import { FearGreedModule } from '../fear-greed/fear-greed.module';
import { NewsModule } from '../news/news.module';
import { AnalyzeController } from './analyze.controller';
import { ModelsController } from './models.controller';
import { HeadlineScorer } from './headline-scorer.service';
import { NewsRescoringJob } from './news-rescoring.job';
import { NewsScoringJob } from './news-scoring.job';
import { SentimentController } from './sentiment.controller';
import { SentimentService } from './sentiment.service';
import { TextScoringService } from './text-scoring.service';

/** Text and market sentiment endpoints, model status, news scoring and re-scoring, and the mood aggregates. */
@Module({
  imports: [NewsModule, FearGreedModule],
  controllers: [SentimentController, AnalyzeController, ModelsController],
  providers: [
    SentimentService,
    TextScoringService,
    HeadlineScorer,
    NewsScoringJob,
    NewsRescoringJob,
  ],
})
export class SentimentModule {}
