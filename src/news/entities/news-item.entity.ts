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

  /** Upper-case tickers, e.g. ["BTC","ETH"]. */
  @Column({ type: 'simple-json' })
  symbols!: string[];

  /** When the service stored the item. */
  @EpochMsColumn()
  timestamp!: Date;
}
