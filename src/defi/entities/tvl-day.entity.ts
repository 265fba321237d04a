import { Column, Entity } from 'typeorm';
import { DoubleColumn, EpochMsColumn, EpochMsPrimaryColumn } from '../../core/database/columns';

/** Total DeFi TVL of one UTC day: backfilled history and the collector's latest reading. */
@Entity('defi_tvl_daily')
export class DefiTvlDay {
  /** 00:00 UTC of the day. */
  @EpochMsPrimaryColumn()
  day!: Date;

  @DoubleColumn()
  tvl!: number;

  @Column({ type: 'varchar', length: 40 })
  provider!: string;

  @EpochMsColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
