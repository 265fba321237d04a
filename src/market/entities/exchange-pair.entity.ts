import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../core/database/columns';

/**
 * One pair an exchange lists (Binance `exchangeInfo`, Coinbase `/products`, Kraken `AssetPairs`),
 * refreshed daily: how `ETHBTC` or `BTC-EUR` resolves to each exchange's own pair id.
 */
@Entity('exchange_pairs')
@Index('idx_exchange_pairs_base_quote', ['base', 'quote'])
export class ExchangePairRecord {
  /** Provider id, e.g. "coinbase". */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  exchange!: string;

  /** The exchange's own id for the pair: "ETHBTC", "BTC-EUR", "XBTEUR". */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  symbol!: string;

  /** Base asset as the rest of the market names it (Kraken's XXBT stored as BTC). */
  @Column({ type: 'varchar', length: 32 })
  base!: string;

  @Column({ type: 'varchar', length: 32 })
  quote!: string;

  @EpochMsColumn({ name: 'fetched_at' })
  fetchedAt!: Date;
}
