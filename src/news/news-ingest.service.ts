import { Injectable, Logger } from '@nestjs/common';
import { type AppConfig, InjectConfig, type NewsFeed } from '../core/config';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import { AllProvidersFailedError } from '../providers/registry/provider-attempt';
import { RealtimePublisher } from '../core/realtime/realtime.publisher';
import { SentimentAnalyzer } from '../sentiment/engine/sentiment-analyzer.service';
import { CoinTagger } from './coin-tagger';
import { NewsFeedState } from './entities/news-feed.entity';
import { type FeedItem, parseFeed } from './feed-parser';
import { titleKey } from './news-text';
import { NewsStore, type NewNewsItem } from './news.store';
import { marketView, sentimentColumns } from './news-sentiment';

/** Feeds fetched at once: polite to the outlets, and one slow feed does not hold the rest. */
const CONCURRENT_FEEDS = 3;
const SCORING_BATCH = 64;

export interface FeedOutcome {
  feed: string;
  stored: number;
  error?: string;
}

/**
 * Fetches every configured feed (conditional GET with the stored validators), parses it,
 * drops items already stored or seen in another feed (same canonical link or same normalised
 * title), tags each with the coins it mentions and stores the rest. A failing feed is recorded
 * in `news_feeds` and never stops the others.
 */
@Injectable()
export class NewsIngestService {
  private readonly logger = new Logger(NewsIngestService.name);
  private readonly tagger: CoinTagger;
  /** Feeds are fetched in parallel but stored one at a time, so the duplicate check holds. */
  private storing: Promise<unknown> = Promise.resolve();
  /** Links of the last items sent on `news`: the channel's snapshot, read back as stored. */
  private lastSent: string[] = [];

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly store: NewsStore,
    private readonly realtime: RealtimePublisher,
    private readonly analyzer: SentimentAnalyzer,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.tagger = new CoinTagger(config.catalogue.coins);
    // Headlines stored while the models load are scored later: a new subscriber gets the last
    // items with the sentiment they have now, not as they were sent.
    realtime.snapshotFrom('news', 'news', async () =>
      this.lastSent.length > 0 ? (await store.byUrls(this.lastSent)).map(newsEvent) : undefined,
    );
  }

  async ingestAll(): Promise<FeedOutcome[]> {
    const feeds = this.config.upstreams.rss.feeds;
    const states = new Map((await this.store.feedStates()).map((s) => [s.name, s]));
    const outcomes: FeedOutcome[] = [];
    const queue = [...feeds];
    const worker = async () => {
      for (let feed = queue.shift(); feed; feed = queue.shift()) {
        outcomes.push(await this.ingest(feed, states.get(feed.name)));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_FEEDS }, worker));
    return outcomes;
  }

  private async ingest(feed: NewsFeed, previous: NewsFeedState | undefined): Promise<FeedOutcome> {
    const state = previous?.url === feed.url ? previous : newState(feed);
    state.lastFetchedAt = new Date();
    try {
      const { data } = await this.registry.execute(
        'news',
        (api, ctx) =>
          api.fetchFeed({
            url: feed.url,
            etag: state.etag ?? undefined,
            lastModified: state.lastModified ?? undefined,
            ctx,
          }),
        // Each feed is its own upstream: its failures must not open the breaker for the others.
        { isEmpty: () => false, what: `feed ${feed.name}`, scope: feed.url },
      );
      const items = data.notModified ? [] : parseFeed(data.body);
      const stored = await this.serially(() => this.storeItems(feed, items));
      Object.assign(state, {
        etag: data.etag ?? null,
        lastModified: data.lastModified ?? null,
        lastSuccessAt: new Date(),
        lastError: null,
        itemsStored: state.itemsStored + stored,
      });
      return { feed: feed.name, stored };
    } catch (error) {
      state.lastError = failureReason(error);
      this.logger.warn(`feed ${feed.name}: ${state.lastError}`);
      return { feed: feed.name, stored: 0, error: state.lastError };
    } finally {
      await this.store.saveFeedState(state);
    }
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.storing.then(work, work);
    this.storing = run.catch(() => undefined);
    return run;
  }

  private async storeItems(feed: NewsFeed, items: FeedItem[]): Promise<number> {
    if (items.length === 0) {
      return 0;
    }
    const fetchedAt = new Date();
    const known = await this.store.known(
      items.map((i) => i.link),
      items.map((i) => titleKey(i.title)),
    );
    const fresh: NewNewsItem[] = [];
    for (const item of items) {
      const key = titleKey(item.title);
      if (known.links.has(item.link) || (key && known.titles.has(key))) {
        continue;
      }
      known.links.add(item.link);
      known.titles.add(key);
      fresh.push({
        title: item.title,
        url: item.link,
        content: item.summary,
        source: feed.name,
        imageUrl: item.imageUrl,
        titleKey: key,
        publishedAt: item.publishedAt ?? fetchedAt,
        symbols: this.tagger.tag(`${item.title} ${item.summary ?? ''}`),
        timestamp: fetchedAt,
      });
    }
    await scoreHeadlines(this.analyzer, fresh);
    await this.store.insert(fresh);
    if (fresh.length > 0) {
      this.lastSent = fresh.map((item) => item.url);
      this.realtime.publish('news', 'news', fresh.map(newsEvent));
    }
    return fresh.length;
  }
}

/** Headlines scored before they are stored; unscored ones wait for the hourly sentiment job. */
async function scoreHeadlines(analyzer: SentimentAnalyzer, items: NewNewsItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += SCORING_BATCH) {
    const batch = items.slice(i, i + SCORING_BATCH);
    const views = await analyzer.tryViews(batch.map((item) => item.title));
    views.forEach((view, j) => Object.assign(batch[j], sentimentColumns(view)));
  }
}

function newState(feed: NewsFeed): NewsFeedState {
  return Object.assign(new NewsFeedState(), {
    name: feed.name,
    url: feed.url,
    etag: null,
    lastModified: null,
    lastFetchedAt: null,
    lastSuccessAt: null,
    lastError: null,
    itemsStored: 0,
  });
}

function failureReason(error: unknown): string {
  if (error instanceof AllProvidersFailedError) {
    return error.attempted.map((a) => `${a.outcome}: ${a.reason ?? 'failed'}`).join('; ');
  }
  return (error as Error).message;
}

/** A headline as the `news` channel carries it. */
function newsEvent(item: NewNewsItem) {
  return {
    title: item.title,
    url: item.url,
    source: item.source,
    published_at: item.publishedAt.toISOString(),
    symbols: item.symbols,
    sentiment: item.sentiment
      ? { label: item.sentiment, score: item.sentimentScore, model: item.sentimentModel }
      : null,
    market_sentiment: marketView(item),
  };
}
