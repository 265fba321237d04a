import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { QuoteSpec } from '../../core/config';
import { DoubleColumn, EpochMsColumn } from '../../core/database/columns';

/** An upstream data provider as the registry sees it: where it lives and how healthy it is. */
@Entity('providers')
@Index('uq_providers_name', ['name'], { unique: true })
export class UpstreamProvider {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  /** Comma-separated categories from the catalogue, e.g. "prices,ohlcv". */
  @Column({ type: 'varchar', length: 100 })
  category!: string;

  @Column({ name: 'base_url', type: 'varchar', length: 500 })
  baseUrl!: string;

  /** active, degraded, down or disabled. */
  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @DoubleColumn({ name: 'health_score', default: 100 })
  healthScore!: number;

  @EpochMsColumn({ name: 'last_check', nullable: true })
  lastCheck!: Date | null;

  /** Lower is tried first. */
  @Column({ type: 'integer', default: 100 })
  priority!: number;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'requires_key', type: 'boolean', default: false })
  requiresKey!: boolean;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @EpochMsColumn({ name: 'created_at' })
  createdAt!: Date;

  /** "catalogue" (config/providers.json, with an adapter) or "discovery" (found and probed). */
  @Column({ type: 'varchar', length: 20, default: 'catalogue' })
  source!: string;

  /** The last discovery probe's time; null for catalogue providers. */
  @Column({ name: 'latency_ms', type: 'integer', nullable: true })
  latencyMs!: number | null;

  /** Discovered providers: how to ask for a quote (the catalogue entry's `quote`), if it says. */
  @Column({ name: 'adapter_spec', type: 'simple-json', nullable: true })
  adapterSpec!: QuoteSpec | null;
}
