import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, MoreThanOrEqual, Not, type Repository } from 'typeorm';
import { NewsFeedState } from './entities/news-feed.entity';
import { NewsItem } from './entities/news-item.entity';

export type NewNewsItem = Omit<NewsItem, 'id' | 'sentiment' | 'sentimentScore' | 'sentimentModel'> &
  Partial<Pick<NewsItem, 'sentiment' | 'sentimentScore' | 'sentimentModel'>>;

export interface ItemSentiment {
  sentiment: string;
  sentimentScore: number;
  sentimentModel: string;
}

/** The columns sentiment aggregates read. */
export type ScoredNewsRow = Pick<
  NewsItem,
  'id' | 'title' | 'url' | 'source' | 'symbols' | 'publishedAt' | 'sentiment' | 'sentimentScore'
>;

export interface NewsQuery {
  page: number;
  limit: number;
  source?: string;
  symbol?: string;
  since?: Date;
}

/** `news` (de-duplicated items) and `news_feeds` (each feed's fetch state). */
@Injectable()
export class NewsStore {
  constructor(
    @InjectRepository(NewsItem) private readonly items: Repository<NewsItem>,
    @InjectRepository(NewsFeedState) private readonly feeds: Repository<NewsFeedState>,
  ) {}

  /** Which of these links and title keys are already stored. */
  async known(
    links: string[],
    titleKeys: string[],
  ): Promise<{ links: Set<string>; titles: Set<string> }> {
    const [byLink, byTitle] = await Promise.all([
      links.length ? this.items.find({ select: { url: true }, where: { url: In(links) } }) : [],
      titleKeys.length
        ? this.items.find({ select: { titleKey: true }, where: { titleKey: In(titleKeys) } })
        : [],
    ]);
    return {
      links: new Set(byLink.map((r) => r.url)),
      titles: new Set(byTitle.map((r) => r.titleKey)),
    };
  }

  /** Inserts new items; one another process stored meanwhile (same link) is skipped, not an error. */
  async insert(items: readonly NewNewsItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += 200) {
      await this.items
        .createQueryBuilder()
        .insert()
        .into(NewsItem)
        .values(items.slice(i, i + 200))
        .orIgnore()
        .execute();
    }
  }

  /** Newest first, with the total for pagination. */
  async page(query: NewsQuery): Promise<{ items: NewsItem[]; total: number }> {
    const builder = this.items.createQueryBuilder('n');
    if (query.source) {
      builder.andWhere('LOWER(n.source) = LOWER(:source)', { source: query.source });
    }
    if (query.symbol) {
      // symbols is a JSON array of upper-case tickers, e.g. ["BTC","ETH"].
      builder.andWhere('n.symbols LIKE :symbol', { symbol: `%"${query.symbol}"%` });
    }
    if (query.since) {
      builder.andWhere('n.published_at >= :since', { since: query.since.getTime() });
    }
    const [items, total] = await builder
      .orderBy('n.published_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    return { items, total };
  }

  /** The items with these links, as stored now (with any sentiment added since). */
  byUrls(urls: readonly string[]): Promise<NewsItem[]> {
    return this.items.find({ where: { url: In([...urls]) }, order: { id: 'ASC' } });
  }

  byId(id: number): Promise<NewsItem | null> {
    return this.items.findOneBy({ id });
  }

  /** Items not scored yet, newest first (the hourly sentiment job catches them up). */
  unscored(limit: number): Promise<Pick<NewsItem, 'id' | 'title'>[]> {
    return this.items.find({
      select: { id: true, title: true },
      where: { sentiment: IsNull() },
      order: { publishedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  async saveSentiment(id: number, sentiment: ItemSentiment): Promise<void> {
    await this.items.update({ id }, sentiment);
  }

  /** Scored items published since `since`, oldest first. */
  scoredSince(since: Date): Promise<ScoredNewsRow[]> {
    return this.items.find({
      select: {
        id: true,
        title: true,
        url: true,
        source: true,
        symbols: true,
        publishedAt: true,
        sentiment: true,
        sentimentScore: true,
      },
      where: { sentiment: Not(IsNull()), publishedAt: MoreThanOrEqual(since) },
      order: { publishedAt: 'ASC', id: 'ASC' },
    });
  }

  async countUnscoredSince(since: Date): Promise<number> {
    return this.items.countBy({ sentiment: IsNull(), publishedAt: MoreThanOrEqual(since) });
  }

  feedStates(): Promise<NewsFeedState[]> {
    return this.feeds.find();
  }

  async saveFeedState(state: NewsFeedState): Promise<void> {
    await this.feeds.save(state);
  }
}
