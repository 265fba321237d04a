import { Global, Module } from '@nestjs/common';
import { ModelManager } from './model-manager.service';
import { ModelMetrics } from './model.metrics';
import { SentimentAnalyzer } from './sentiment-analyzer.service';

/** The models and the inference worker, global so news ingestion can score what it stores. */
@Global()
@Module({
  providers: [ModelManager, SentimentAnalyzer, ModelMetrics],
  exports: [ModelManager, SentimentAnalyzer],
})
export class SentimentEngineModule {}
