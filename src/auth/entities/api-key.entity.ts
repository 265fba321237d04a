import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EpochMsColumn } from '../../core/database/columns';

/** An API key: only its keyed hash and a display prefix are stored, never the key. */
@Entity('api_keys')
@Index('uq_api_keys_hash', ['hash'], { unique: true })
export class ApiKey {
  @PrimaryGeneratedColumn()
  id!: number;

  /** HMAC-SHA-256 of the key with API_KEY_SALT, hex. */
  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /** The key's first characters, to recognise it in lists. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  tier!: string;

  @EpochMsColumn({ name: 'created_at' })
  createdAt!: Date;

  @EpochMsColumn({ name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @EpochMsColumn({ name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  /**
   * Moved on by each revocation; tokens carry the value they were issued under, so restoring a
   * key does not bring back the tokens issued before it was revoked.
   */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion!: number;
}
