import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../core/database/columns';

/** One configured feed's fetch state: validators for conditional GET and the last outcome. */
@Entity('news_feeds')
export class NewsFeedState {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  etag!: string | null;

  @Column({ name: 'last_modified', type: 'varchar', length: 100, nullable: true })
  lastModified!: string | null;

  @EpochMsColumn({ name: 'last_fetched_at', nullable: true })
  lastFetchedAt!: Date | null;

  @EpochMsColumn({ name: 'last_success_at', nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Items from this feed stored so far (duplicates of other feeds' items not counted). */
  @Column({ name: 'items_stored', type: 'integer', default: 0 })
  itemsStored!: number;
}
