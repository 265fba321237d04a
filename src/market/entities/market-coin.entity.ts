import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DoubleColumn, EpochMsColumn } from '../../core/database/columns';

/**
 * One coin of a market list (coins by market cap) as fetched at one instant: what `/api/market`
 * and `/api/coins/top` serve when every provider fails and nothing is cached.
 */
@Entity('market_coins')
@Index('idx_market_coins_timestamp', ['timestamp'])
export class MarketCoinRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer', nullable: true })
  rank!: number | null;

  /** The provider's coin id. */
  @Column({ name: 'coin_id', type: 'varchar', length: 100 })
  coinId!: string;

  @Column({ type: 'varchar', length: 64 })
  symbol!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @DoubleColumn()
  price!: number;

  @DoubleColumn({ name: 'change_24h', nullable: true })
  change24h!: number | null;

  /** Percent over 1 hour; null when the provider gave none. */
  @DoubleColumn({ name: 'change_1h', nullable: true })
  change1h!: number | null;

  /** Percent over 7 days; null when the provider gave none. */
  @DoubleColumn({ name: 'change_7d', nullable: true })
  change7d!: number | null;

  @DoubleColumn({ name: 'volume_24h', nullable: true })
  volume24h!: number | null;

  @DoubleColumn({ name: 'market_cap', nullable: true })
  marketCap!: number | null;

  /** The quote's time as the provider gave it; null when it gave none. */
  @EpochMsColumn({ name: 'last_updated', nullable: true })
  lastUpdated!: Date | null;

  @Column({ type: 'varchar', length: 40 })
  provider!: string;

  /** When the list was fetched; every coin of one list shares it. */
  @EpochMsColumn()
  timestamp!: Date;
}
