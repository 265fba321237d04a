import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthHotPathGate } from './auth-hot-path.gate';
import { AuthController } from './auth.controller';
import { Authenticator } from './authenticator.service';
import { ApiKey } from './entities/api-key.entity';
import { UserRequest } from './entities/user-request.entity';
import { AuthGuard } from './guards/auth.guard';
import { RateLimitGuard } from './guards/rate-limit.guard';
import { TierGuard } from './guards/tier.guard';
import { ApiKeyService } from './keys/api-key.service';
import { ApiKeyStore } from './keys/api-key.store';
import { ApiKeysController } from './keys/api-keys.controller';
import { RateLimitService } from './rate-limit/rate-limit.service';
import { WindowCounterStorage } from './rate-limit/window-counter.storage';
import { RequestLogService } from './request-log/request-log.service';
import { TierLimits } from './tier-limits.service';
import { TokenService } from './tokens/token.service';

/**
 * Keys, tokens, tiers and limits. Global: every feature's controllers may check tier depth, and
 * the realtime gateways identify callers with the same Authenticator. The hot path imports it
 * by name for its gate (AuthHotPathGate).
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([ApiKey, UserRequest]),
    // Only its storage is used: the counters, shared by RateLimitGuard and the hot path. A
    // factory, so every application instance (tests start many) counts on its own.
    ThrottlerModule.forRootAsync({
      useFactory: () => ({ throttlers: [], storage: new WindowCounterStorage() }),
    }),
  ],
  controllers: [AuthController, ApiKeysController],
  providers: [
    ApiKeyStore,
    ApiKeyService,
    TokenService,
    Authenticator,
    TierLimits,
    RateLimitService,
    RequestLogService,
    AuthHotPathGate,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: TierGuard },
  ],
  exports: [
    Authenticator,
    TierLimits,
    RateLimitService,
    RequestLogService,
    ApiKeyService,
    AuthHotPathGate,
  ],
})
export class AuthModule {}
