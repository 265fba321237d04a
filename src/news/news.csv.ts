import type { NewsItemDto } from './dto/news.dto';

export const NEWS_CSV_COLUMNS = [
  'id',
  'title',
  'url',
  'summary',
  'source',
  'published_at',
  'image_url',
  'symbols',
  'sentiment_label',
  'sentiment_score',
  'market_sentiment_label',
] as const;

type NewsCsvRow = Record<(typeof NEWS_CSV_COLUMNS)[number], string | number | null>;

/** A news item as one flat CSV row: symbols joined with ";", each sentiment as label (and score). */
export function toNewsCsvRow(item: NewsItemDto): NewsCsvRow {
  return {
    id: item.id,
    title: item.title,
    url: item.url,
    summary: item.summary,
    source: item.source,
    published_at: item.published_at,
    image_url: item.image_url,
    symbols: item.symbols.join(';'),
    sentiment_label: item.sentiment?.label ?? null,
    sentiment_score: item.sentiment?.score ?? null,
    market_sentiment_label: item.market_sentiment?.label ?? null,
  };
}
