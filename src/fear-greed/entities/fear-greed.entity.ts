import { Column, Entity } from 'typeorm';
import { EpochMsColumn, EpochMsPrimaryColumn } from '../../core/database/columns';

/** The Fear & Greed index of one UTC day (the upstream publishes one value a day). */
@Entity('fear_greed')
export class FearGreedDay {
  /** 00:00 UTC of the day, as the upstream stamps it. */
  @EpochMsPrimaryColumn()
  day!: Date;

  @Column({ type: 'integer' })
  value!: number;

  @Column({ type: 'varchar', length: 40 })
  classification!: string;

  @Column({ type: 'varchar', length: 40 })
  provider!: string;

  @EpochMsColumn({ name: 'fetched_at' })
  fetchedAt!: Date;
}
