import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DoubleColumn, EpochMsColumn } from '../../core/database/columns';

/** The market overview as collected at one instant. */
@Entity('market_snapshots')
@Index('idx_market_snapshots_timestamp', ['timestamp'])
export class MarketSnapshot {
  @PrimaryGeneratedColumn()
  id!: number;

  @DoubleColumn({ name: 'btc_price', nullable: true })
  btcPrice!: number | null;

  @DoubleColumn({ name: 'eth_price', nullable: true })
  ethPrice!: number | null;

  @DoubleColumn({ name: 'market_cap', nullable: true })
  marketCap!: number | null;

  @DoubleColumn({ name: 'volume_24h', nullable: true })
  volume24h!: number | null;

  @DoubleColumn({ name: 'btc_dominance', nullable: true })
  btcDominance!: number | null;

  /** The rest of the overview, so a stored snapshot can answer `/api/market` whole. */
  @DoubleColumn({ name: 'eth_dominance', nullable: true })
  ethDominance!: number | null;

  @DoubleColumn({ name: 'market_cap_change_24h_pct', nullable: true })
  marketCapChange24hPct!: number | null;

  @Column({ name: 'active_cryptocurrencies', type: 'integer', nullable: true })
  activeCryptocurrencies!: number | null;

  @EpochMsColumn()
  timestamp!: Date;
}
