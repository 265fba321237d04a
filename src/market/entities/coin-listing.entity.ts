import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DoubleColumn, EpochMsColumn } from '../../core/database/columns';

/** One coin of CoinGecko's market list, refreshed daily: how tickers resolve to coin ids. */
@Entity('coin_listings')
@Index('idx_coin_listings_symbol', ['symbol'])
export class CoinListingRecord {
  /** CoinGecko coin id, e.g. "bitcoin". */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  symbol!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @DoubleColumn({ name: 'market_cap', nullable: true })
  marketCap!: number | null;

  @Column({ name: 'market_cap_rank', type: 'integer', nullable: true })
  marketCapRank!: number | null;

  @EpochMsColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
