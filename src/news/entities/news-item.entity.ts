import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DoubleColumn, EpochMsColumn } from '../../core/database/columns';

/** One de-duplicated news article, with the coins it mentions and its sentiment once scored. */
@Entity('news')
@Index('uq_news_url', ['url'], { unique: true })
@Index('idx_news_published_at', ['publishedAt'])
@Index('idx_news_title_key', ['titleKey'])
export class NewsItem {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  /** The summary as plain text. */
  @Column({ type: 'text', nullable: true })
  content!: string | null;

  @Column({ type: 'varchar', length: 100 })
  source!: string;

  @Column({ name: 'image_url', type: 'varchar', length: 2048, nullable: true })
  imageUrl!: string | null;

  /** The title lower-cased down to letters and digits: the same story from two feeds matches. */
  @Column({ name: 'title_key', type: 'varchar', length: 300, default: '' })
  titleKey!: string;

  @EpochMsColumn({ name: 'published_at' })
  publishedAt!: Date;

  @Column({ type: 'varchar', length: 20, nullable: true })
  sentiment!: string | null;

  @DoubleColumn({ name: 'sentiment_score', nullable: true })
  sentimentScore!: number | null;

  @Column({ name: 'sentiment_model', type: 'varchar', length: 200, nullable: true })
  sentimentModel!: string | null;

  /** A digest of the binary model's files: a retrained model keeps its name but not this. */
  @Column({ name: 'sentiment_revision', type: 'varchar', length: 16, nullable: true })
  sentimentRevision!: string | null;

  /** The market (three-class) model's view: bullish, bearish or neutral. */
  @Column({ name: 'market_sentiment', type: 'varchar', length: 20, nullable: true })
  marketSentiment!: string | null;

  @DoubleColumn({ name: 'market_bullish', nullable: true })
  marketBullish!: number | null;

  @DoubleColumn({ name: 'market_bearish', nullable: true })
  marketBearish!: number | null;

  @DoubleColumn({ name: 'market_neutral', nullable: true })
  marketNeutral!: number | null;

  @Column({ name: 'market_model', type: 'varchar', length: 200, nullable: true })
  marketModel!: string | null;

  @Column({ name: 'market_revision', type: 'varchar', length: 16, nullable: true })
  marketRevision!: string | null;

  /** Upper-case tickers, e.g. ["BTC","ETH"]. */
  @Column({ type: 'simple-json' })
  symbols!: string[];

  /** When the service stored the item. */
  @EpochMsColumn()
  timestamp!: Date;
}
