import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProviderPool } from './provider-pool.entity';
import { UpstreamProvider } from './upstream-provider.entity';

/** A provider's place in a pool: its order and its weight for the weighted strategy. */
@Entity('pool_members')
@Index('uq_pool_members_pool_provider', ['poolId', 'providerId'], { unique: true })
export class PoolMember {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'pool_id', type: 'integer' })
  poolId!: number;

  @ManyToOne(() => ProviderPool, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pool_id' })
  pool?: ProviderPool;

  @Column({ name: 'provider_id', type: 'integer' })
  providerId!: number;

  @ManyToOne(() => UpstreamProvider, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id' })
  provider?: UpstreamProvider;

  @Column({ type: 'integer', default: 1 })
  weight!: number;

  @Column({ type: 'integer', default: 0 })
  position!: number;
}
