import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DoubleColumn, EpochMsColumn } from '../../core/database/columns';

/** One currency `vs` accepts: who quotes it directly and its latest rate per US dollar. */
@Entity('currencies')
export class CurrencyRecord {
  /** Lowercase code as `vs` takes it: "eur", "btc", "xau". */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code!: string;

  /** fiat, crypto or commodity; null when no source said. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  kind!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  name!: string | null;

  /** The provider that quotes prices in this currency directly. */
  @Column({ name: 'quoted_by', type: 'varchar', length: 40, nullable: true })
  quotedBy!: string | null;

  /** Units per US dollar; null when no source rates it (quoted directly only). */
  @DoubleColumn({ name: 'per_usd', nullable: true })
  perUsd!: number | null;

  @Column({ name: 'rate_source', type: 'varchar', length: 40, nullable: true })
  rateSource!: string | null;

  /** The day or time the source says the rate is for ("2026-11-27" for the ECB). */
  @Column({ name: 'rate_as_of', type: 'varchar', length: 32, nullable: true })
  rateAsOf!: string | null;

  @EpochMsColumn({ name: 'rate_fetched_at', nullable: true })
  rateFetchedAt!: Date | null;

  @EpochMsColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
