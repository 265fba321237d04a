import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EpochMsColumn } from '../../core/database/columns';

/** A named group of providers for one kind of data, with the strategy used to pick among them. */
@Entity('pools')
@Index('uq_pools_name', ['name'], { unique: true })
export class ProviderPool {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'varchar', length: 30 })
  category!: string;

  /** priority, round_robin, weighted or least_latency. */
  @Column({ type: 'varchar', length: 30 })
  strategy!: string;

  @EpochMsColumn({ name: 'created_at' })
  createdAt!: Date;
}
