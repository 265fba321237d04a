import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../core/database/columns';

/**
 * One coin of CoinGecko's full list (`/coins/list`, ~17,000 coins), refreshed daily. Searched in
 * memory, so only the primary key is indexed; ranks come from `coin_listings`.
 */
@Entity('coin_directory')
export class DirectoryCoinRecord {
  /** CoinGecko coin id, e.g. "bitcoin". */
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_coin_directory' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  symbol!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  /** JSON object: chain (CoinGecko asset-platform id) to contract address. */
  @Column({ type: 'text' })
  platforms!: string;

  /** The refresh that last listed the coin; rows a refresh did not list are removed. */
  @EpochMsColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
