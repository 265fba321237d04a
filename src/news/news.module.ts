import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProvidersModule } from '../providers/providers.module';
import { NewsFeedState } from './entities/news-feed.entity';
import { NewsItem } from './entities/news-item.entity';
import { NewsIngestService } from './news-ingest.service';
import { NewsJob } from './news.job';
import { NewsController } from './news.controller';
import { NewsService } from './news.service';
import { NewsStore } from './news.store';

@Module({
  imports: [TypeOrmModule.forFeature([NewsItem, NewsFeedState]), ProvidersModule],
  controllers: [NewsController],
  providers: [NewsStore, NewsService, NewsIngestService, NewsJob],
  exports: [NewsStore],
})
export class NewsModule {}
