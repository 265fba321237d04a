import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DoubleColumn, EpochMsColumn } from '../../core/database/columns';

/** One candle; unique per symbol, interval and open time so collectors can upsert. */
@Entity('ohlcv')
@Index('uq_ohlcv_symbol_interval_open_time', ['symbol', 'interval', 'openTime'], { unique: true })
export class Ohlcv {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  symbol!: string;

  @Column({ type: 'varchar', length: 4 })
  interval!: string;

  @EpochMsColumn({ name: 'open_time' })
  openTime!: Date;

  @DoubleColumn()
  open!: number;

  @DoubleColumn()
  high!: number;

  @DoubleColumn()
  low!: number;

  @DoubleColumn()
  close!: number;

  @DoubleColumn()
  volume!: number;

  @Column({ type: 'varchar', length: 40 })
  provider!: string;
}
