import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Length, Min } from 'class-validator';
import { TIER_NAMES, type TierName } from '../../core/config';
import { Omittable } from '../../core/web/omittable.decorator';

export class TokenRequestDto {
  /** An API key (or ADMIN_API_KEY). @example "cdt_3q2Zb0yQb6o1W1c3Xb9fJ8x0nqzv2d4kQm5e7r9t1uY" */
  @IsString({ message: 'api_key must be a string' })
  @Length(1, 200, { message: 'api_key must be 1-200 characters' })
  api_key!: string;
}

export class TokenResponseDto {
  /** An HS256 JWT; send it as `Authorization: Bearer <token>`. */
  access_token!: string;

  /** @example "bearer" */
  token_type!: 'bearer';

  /** Seconds until it expires (JWT_EXPIRES_HOURS). @example 86400 */
  expires_in!: number;

  /** @example "pro" */
  tier!: TierName;
}

export class RequestLimitDto {
  /** @example 30 */
  limit!: number;

  /** @example 60 */
  window_seconds!: number;
}

export class TierLimitsDto {
  /** Request limits, shortest window first; empty when unlimited. */
  requests!: RequestLimitDto[];

  /** Most symbols per request; null for no limit. @example 5 */
  max_symbols!: number | null;

  /** Deepest history in days; null for no limit. @example 7 */
  history_days!: number | null;

  /** Real-time channels per connection; null for no limit. @example 10 */
  max_subscriptions!: number | null;

  /** Real-time connections at once (per address when anonymous); null for no limit. @example 5 */
  max_connections!: number | null;
}

export class MeDto {
  /** The key's id; null for anonymous callers, "env-admin" for ADMIN_API_KEY. @example 3 */
  @ApiProperty({ anyOf: [{ type: 'integer' }, { type: 'string' }], nullable: true, example: 3 })
  key_id!: number | string | null;

  /** @example "free" */
  tier!: TierName;

  limits!: TierLimitsDto;

  /**
   * Whose counters the limits are charged to: `address` for anonymous callers (everyone behind
   * the same address shares them), `key` for a key (its own, wherever it calls from).
   * @example "address"
   */
  counted_per!: 'key' | 'address';

  /** What a key changes for this caller, in words. */
  about!: string;
}

export class CreateKeyDto {
  /** Who or what the key is for. @example "trading bot" */
  @IsString({ message: 'name must be a string' })
  @Length(1, 100, { message: 'name must be 1-100 characters' })
  name!: string;

  /** @example "pro" */
  @IsIn(TIER_NAMES, { message: `tier must be one of ${TIER_NAMES.join(', ')}` })
  tier!: TierName;
}

export class UpdateKeyDto {
  /** Left out: unchanged; null is refused. @example "trading bot (old)" */
  @Omittable()
  @IsString({ message: 'name must be a string' })
  @Length(1, 100, { message: 'name must be 1-100 characters' })
  name?: string;

  /** Left out: unchanged; null is refused. @example "enterprise" */
  @Omittable()
  @IsIn(TIER_NAMES, { message: `tier must be one of ${TIER_NAMES.join(', ')}` })
  tier?: TierName;

  /** true revokes the key (and its tokens) at once; false restores it. */
  @Omittable()
  @IsBoolean({ message: 'revoked must be true or false' })
  revoked?: boolean;
}

export class KeyIdDto {
  /** @example 3 */
  @Type(() => Number)
  @IsInt({ message: 'id must be a positive integer' })
  @Min(1, { message: 'id must be a positive integer' })
  id!: number;
}

export class ApiKeyDto {
  /** @example 3 */
  id!: number;

  /** The key's first characters. @example "cdt_3q2Zb0yQ" */
  prefix!: string;

  /** @example "trading bot" */
  name!: string;

  /** @example "pro" */
  tier!: string;

  /** ISO 8601. */
  created_at!: string;

  /** ISO 8601; null when never used. Updated within a minute of use. */
  last_used_at!: string | null;

  revoked!: boolean;
}

export class CreatedKeyDto extends ApiKeyDto {
  /** The key itself: shown this once, never stored. */
  key!: string;
}

export class ApiKeysResponseDto {
  data!: ApiKeyDto[];
}
