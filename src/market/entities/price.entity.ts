import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DoubleColumn, EpochMsColumn } from '../../core/database/columns';

/**
 * One quote of one coin from one provider at one instant; the source of price history. The index
 * covers what history reads (docs/decisions.md, "History from the database reads a covering index"), so a range is
 * answered from the index alone.
 */
@Entity('prices')
@Index('idx_prices_history', ['symbol', 'timestamp', 'price', 'volume24h', 'marketCap'])
export class Price {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  symbol!: string;

  @DoubleColumn()
  price!: number;

  @DoubleColumn({ name: 'volume_24h', nullable: true })
  volume24h!: number | null;

  @DoubleColumn({ name: 'market_cap', nullable: true })
  marketCap!: number | null;

  @DoubleColumn({ name: 'change_24h', nullable: true })
  change24h!: number | null;

  @Column({ type: 'varchar', length: 40 })
  provider!: string;

  @EpochMsColumn()
  timestamp!: Date;
}
