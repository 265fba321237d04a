import { SetMetadata } from '@nestjs/common';

export const SKIP_RATE_LIMIT = 'skip-rate-limit';

/** Liveness probes are never rate-limited: an orchestrator must always get its answer. */
export const SkipRateLimit = (): MethodDecorator & ClassDecorator =>
  SetMetadata(SKIP_RATE_LIMIT, true);
