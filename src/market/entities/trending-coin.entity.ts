import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DoubleColumn, EpochMsColumn } from '../../core/database/columns';

/** One coin of one trending list, as fetched at one instant. */
@Entity('trending_coins')
@Index('idx_trending_coins_timestamp', ['timestamp'])
export class TrendingCoinRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  rank!: number;

  @Column({ name: 'coin_id', type: 'varchar', length: 100 })
  coinId!: string;

  @Column({ type: 'varchar', length: 20 })
  symbol!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'market_cap_rank', type: 'integer', nullable: true })
  marketCapRank!: number | null;

  @DoubleColumn({ name: 'price_usd', nullable: true })
  priceUsd!: number | null;

  @DoubleColumn()
  score!: number;

  @Column({ type: 'varchar', length: 40 })
  provider!: string;

  @EpochMsColumn()
  timestamp!: Date;
}
