import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../core/database/columns';

/** The last record fetched for a coin (`/coins/{id}`): served, marked stale, when CoinGecko fails. */
@Entity('coin_details')
export class CoinDetailRecord {
  /** CoinGecko coin id. */
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_coin_details' })
  id!: string;

  /** The normalised record (CoinDetail) as JSON, every currency the upstream gave. */
  @Column({ type: 'text' })
  detail!: string;

  /** When it was fetched from the provider. */
  @EpochMsColumn({ name: 'fetched_at' })
  fetchedAt!: Date;

  @Column({ type: 'varchar', length: 40 })
  provider!: string;
}
