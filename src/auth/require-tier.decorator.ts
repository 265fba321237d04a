import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { TierName } from '../core/config';
import { ErrorResponseDto } from '../core/web/dto/error-response.dto';

export const REQUIRED_TIER = 'required-tier';

/** Locks a route to callers of this tier or above, in the API and in its docs. */
export const RequireTier = (tier: TierName): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_TIER, tier),
    ApiExtension('x-required-tier', tier),
    ApiBearerAuth('bearer'),
    ApiSecurity('api-key'),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'No valid credential' }),
    ApiForbiddenResponse({
      type: ErrorResponseDto,
      description: `The key's tier is below ${tier}`,
    }),
  );

/** Write and operational endpoints: admin keys only. */
export const AdminOnly = (): MethodDecorator & ClassDecorator => RequireTier('admin');
