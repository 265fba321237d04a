import { SetMetadata } from '@nestjs/common';

export const SKIP_RATE_LIMIT = 'skip-rate-limit';

/**
 * Health probes and the Prometheus scrape are never rate-limited: an orchestrator, uptime monitor
 * or scraper polls them all day and must always get its answer.
 */
export const SkipRateLimit = (): MethodDecorator & ClassDecorator =>
  SetMetadata(SKIP_RATE_LIMIT, true);
