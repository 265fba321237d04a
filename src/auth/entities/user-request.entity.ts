import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EpochMsColumn } from '../../core/database/columns';

/** One request made to this service, for usage reporting per key and per address. */
@Entity('user_requests')
@Index('idx_user_requests_timestamp', ['timestamp'])
@Index('idx_user_requests_api_key_timestamp', ['apiKeyId', 'timestamp'])
export class UserRequest {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'ip_address', type: 'varchar', length: 64 })
  ipAddress!: string;

  @Column({ name: 'api_key_id', type: 'integer', nullable: true })
  apiKeyId!: number | null;

  @Column({ type: 'varchar', length: 300 })
  endpoint!: string;

  @Column({ type: 'integer' })
  status!: number;

  @EpochMsColumn()
  timestamp!: Date;
}
