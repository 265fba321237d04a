import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DoubleColumn, EpochMsColumn } from '../../core/database/columns';

/** One protocol's TVL as collected in one run; successive rows form its TVL history. */
@Entity('defi_protocols')
@Index('idx_defi_protocols_slug_timestamp', ['slug', 'timestamp'])
@Index('idx_defi_protocols_timestamp', ['timestamp'])
export class DefiProtocol {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  slug!: string;

  @DoubleColumn()
  tvl!: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  chain!: string | null;

  @Column({ type: 'simple-json' })
  chains!: string[];

  @Column({ type: 'varchar', length: 40, nullable: true })
  symbol!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  category!: string | null;

  @DoubleColumn({ name: 'change_1d', nullable: true })
  change1d!: number | null;

  @DoubleColumn({ name: 'change_7d', nullable: true })
  change7d!: number | null;

  @EpochMsColumn()
  timestamp!: Date;
}
