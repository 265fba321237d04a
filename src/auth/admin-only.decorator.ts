import { applyDecorators, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../core/web/error-response.dto';
import { AdminGuard } from './admin.guard';

/** Marks a write or operational endpoint as admin-only, in the API and in its docs. */
export const AdminOnly = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    UseGuards(AdminGuard),
    ApiBearerAuth('bearer'),
    ApiSecurity('api-key'),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'No credential given' }),
    ApiForbiddenResponse({
      type: ErrorResponseDto,
      description: 'Not an admin key, or ADMIN_API_KEY unset',
    }),
  );
