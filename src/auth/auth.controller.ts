import { Body, Controller, Get, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AppConfig, InjectConfig } from '../core/config';
import { Authenticator } from './authenticator.service';
import type { Caller } from './caller.types';
import { CurrentCaller } from './current-caller.decorator';
import { MeDto, TokenRequestDto, TokenResponseDto } from './dto/auth.dto';
import { looksLikeApiKey, sameSecret } from './keys/api-key.secret';
import { TokenService } from './tokens/token.service';
import { API_TAGS } from '../core/docs/api-tags';

const ANONYMOUS_ABOUT =
  'Anonymous: counted per address, so everyone behind your address shares these limits. ' +
  'A free key has the same limits but identifies you: it is counted per key, wherever you call ' +
  'from, and can be moved to a higher tier without changing your client.';
const KEYED_ABOUT =
  'Identified by your key: counted per key rather than per address; an admin can change its ' +
  'tier (PATCH /api/auth/keys/{id}) without you changing your client.';

@ApiTags(API_TAGS.auth)
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly tokens: TokenService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Swap an API key for a JWT (HS256, JWT_EXPIRES_HOURS)' })
  async token(
    @Body() body: TokenRequestDto,
    @CurrentCaller() caller: Caller,
  ): Promise<TokenResponseDto> {
    const adminKey = this.config.security.adminApiKey;
    const isAdminKey = adminKey !== undefined && sameSecret(body.api_key, adminKey);
    if (!looksLikeApiKey(body.api_key) && !isAdminKey) {
      throw new UnauthorizedException('api_key must be an API key');
    }
    const key = await this.authenticator.keyOf(body.api_key, caller.ip);
    return {
      access_token: this.tokens.issue(key),
      token_type: 'bearer',
      expires_in: this.tokens.expiresInSeconds,
      tier: key.tier,
    };
  }

  @Get('me')
  @ApiOperation({ summary: "The caller's key id, tier and limits (anonymous callers: free)" })
  me(@CurrentCaller() caller: Caller): MeDto {
    const { tier } = caller;
    return {
      key_id: caller.keyId,
      tier: tier.name,
      limits: {
        requests: tier.limits.map((l) => ({ limit: l.limit, window_seconds: l.windowSeconds })),
        max_symbols: tier.maxSymbols,
        history_days: tier.historyDays,
        max_subscriptions: tier.maxSubscriptions,
        max_connections: tier.maxConnections,
      },
      counted_per: caller.keyId === null ? 'address' : 'key',
      about: caller.keyId === null ? ANONYMOUS_ABOUT : KEYED_ABOUT,
    };
  }
}
