import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EpochMsColumn } from '../../core/database/columns';

/** One call to an upstream: which endpoint, how long it took and how it ended. */
@Entity('api_calls')
@Index('idx_api_calls_provider_timestamp', ['provider', 'timestamp'])
@Index('idx_api_calls_timestamp', ['timestamp'])
export class ApiCall {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 300 })
  endpoint!: string;

  @Column({ type: 'varchar', length: 60 })
  provider!: string;

  /** Milliseconds; null when the call never got an answer. */
  @Column({ name: 'response_time', type: 'integer', nullable: true })
  responseTime!: number | null;

  /** The HTTP status, or the failure class (timeout, network, invalid_payload…). */
  @Column({ type: 'varchar', length: 30 })
  status!: string;

  @EpochMsColumn()
  timestamp!: Date;
}
