import { Injectable, NotFoundException } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import type {
  NewsItemDto,
  NewsItemResponseDto,
  NewsPageDto,
  NewsSourcesResponseDto,
} from './dto/news.dto';
import type { NewsItem } from './entities/news-item.entity';
import { marketView } from './news-sentiment';
import { type NewsQuery, NewsStore } from './news.store';

/** Stored news as the API shows it. */
@Injectable()
export class NewsService {
  constructor(
    private readonly store: NewsStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async list(query: NewsQuery): Promise<NewsPageDto> {
    const { items, total } = await this.store.page({
      ...query,
      symbol: query.symbol?.toUpperCase(),
    });
    return {
      data: items.map(toDto),
      meta: { total, page: query.page, limit: query.limit, pages: Math.ceil(total / query.limit) },
    };
  }

  async one(id: number): Promise<NewsItemResponseDto> {
    const item = await this.store.byId(id);
    if (!item) {
      throw new NotFoundException(`No news item with id ${id}`);
    }
    return { data: toDto(item) };
  }

  /** Every configured feed with its last fetch, even before the first one. */
  async sources(): Promise<NewsSourcesResponseDto> {
    const states = new Map((await this.store.feedStates()).map((s) => [s.name, s]));
    return {
      data: this.config.upstreams.rss.feeds.map((feed) => {
        const state = states.get(feed.name);
        return {
          name: feed.name,
          url: feed.url,
          last_fetched_at: state?.lastFetchedAt?.toISOString() ?? null,
          last_success_at: state?.lastSuccessAt?.toISOString() ?? null,
          items_stored: state?.itemsStored ?? 0,
          last_error: state?.lastError ?? null,
        };
      }),
    };
  }
}

function toDto(item: NewsItem): NewsItemDto {
  return {
    id: item.id,
    title: item.title,
    url: item.url,
    summary: item.content,
    source: item.source,
    published_at: item.publishedAt.toISOString(),
    image_url: item.imageUrl,
    symbols: item.symbols,
    sentiment: item.sentiment
      ? { label: item.sentiment, score: item.sentimentScore, model: item.sentimentModel }
      : null,
    market_sentiment: marketView(item),
  };
}
