import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, IsNull, MoreThanOrEqual, Not, type Repository } from 'typeorm';
import { NewsFeedState } from './entities/news-feed.entity';
import { NewsItem } from './entities/news-item.entity';

/** The columns the sentiment models fill: the binary view, then the market view. */
export const SENTIMENT_COLUMNS = [
  'sentiment',
  'sentimentScore',
  'sentimentModel',
  'sentimentRevision',
  'marketSentiment',
  'marketBullish',
  'marketBearish',
  'marketNeutral',
  'marketModel',
  'marketRevision',
] as const;
export type SentimentColumns = Pick<NewsItem, (typeof SENTIMENT_COLUMNS)[number]>;

export type NewNewsItem = Omit<NewsItem, 'id' | keyof SentimentColumns> & Partial<SentimentColumns>;

/** The columns sentiment aggregates read. */
export type ScoredNewsRow = Pick<
  NewsItem,
  'id' | 'title' | 'url' | 'source' | 'symbols' | 'publishedAt' | keyof SentimentColumns
>;

/** A model as stored with the rows it scored. */
export interface ModelIdentity {
  name: string;
  revision: string | null;
}

const TO_SCORE_COLUMNS = [
  'id',
  'title',
  'sentiment',
  'sentimentModel',
  'sentimentRevision',
  'marketSentiment',
  'marketModel',
  'marketRevision',
] as const;
const TO_SCORE = Object.fromEntries(TO_SCORE_COLUMNS.map((c) => [c, true]));

/** A headline one of whose views is missing or came from a model that no longer serves. */
export type HeadlineToScore = Pick<NewsItem, (typeof TO_SCORE_COLUMNS)[number]>;

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

  /** Items missing either view, newest first (the hourly sentiment job catches them up). */
  unscored(limit: number): Promise<HeadlineToScore[]> {
    return this.items.find({
      select: TO_SCORE,
      where: [{ sentiment: IsNull() }, { marketSentiment: IsNull() }],
      order: { publishedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /**
   * Items a view of which a model other than the given one scored (another name, or another
   * revision of it), newest first: what the re-scoring job works through.
   */
  scoredByOthers(
    active: { binary?: ModelIdentity; market?: ModelIdentity },
    limit: number,
  ): Promise<HeadlineToScore[]> {
    const builder = this.items
      .createQueryBuilder('n')
      .select(TO_SCORE_COLUMNS.map((c) => `n.${c}`));
    builder.where(
      new Brackets((where) => {
        where.where('1 = 0'); // no active model of either role: nothing is stale
        if (active.binary) {
          where.orWhere(
            otherModel('sentiment_model', 'sentiment_revision', 'b'),
            params('b', active.binary),
          );
        }
        if (active.market) {
          where.orWhere(
            otherModel('market_model', 'market_revision', 'm'),
            params('m', active.market),
          );
        }
      }),
    );
    return builder
      .orderBy('n.published_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(limit)
      .getMany();
  }

  async saveSentiment(id: number, columns: Partial<SentimentColumns>): Promise<void> {
    await this.items.update({ id }, columns);
  }

  /** Items published since `since` that either model scored, oldest first. */
  scoredSince(since: Date): Promise<ScoredNewsRow[]> {
    const select = ['id', 'title', 'url', 'source', 'symbols', 'publishedAt', ...SENTIMENT_COLUMNS];
    return this.items.find({
      select: Object.fromEntries(select.map((c) => [c, true])),
      where: [
        { sentiment: Not(IsNull()), publishedAt: MoreThanOrEqual(since) },
        { marketSentiment: Not(IsNull()), publishedAt: MoreThanOrEqual(since) },
      ],
      order: { publishedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Items since `since` still waiting for each view. */
  async countUnscoredSince(since: Date): Promise<{ binary: number; market: number }> {
    const publishedAt = MoreThanOrEqual(since);
    const [binary, market] = await Promise.all([
      this.items.countBy({ sentiment: IsNull(), publishedAt }),
      this.items.countBy({ marketSentiment: IsNull(), publishedAt }),
    ]);
    return { binary, market };
  }

  feedStates(): Promise<NewsFeedState[]> {
    return this.feeds.find();
  }

  async saveFeedState(state: NewsFeedState): Promise<void> {
    await this.feeds.save(state);
  }
}

/** A scored view whose model name or revision differs (a missing revision counts as ''). */
function otherModel(model: string, revision: string, prefix: string): string {
  return (
    `(n.${model} IS NOT NULL AND (n.${model} <> :${prefix}Name ` +
    `OR COALESCE(n.${revision}, '') <> :${prefix}Revision))`
  );
}

function params(prefix: string, model: ModelIdentity): Record<string, string> {
  return { [`${prefix}Name`]: model.name, [`${prefix}Revision`]: model.revision ?? '' };
}
