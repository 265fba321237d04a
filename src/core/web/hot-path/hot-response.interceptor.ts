import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { type Observable, tap } from 'rxjs';
import { HOT_RESPONSE } from './hot-response.decorator';
import { markReplayable } from './hot-path.service';

interface WithMeta {
  meta?: { cached?: unknown; stale?: unknown };
}

/**
 * Lets the hot path keep an answer of a @HotResponse() route, and only one served from a fresh
 * cache entry: an answer that went upstream or is stale must not be replayed.
 */
@Injectable()
export class HotResponseInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(HOT_RESPONSE, context.getHandler())) {
      return next.handle();
    }
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap((value) => {
        const meta = (value as WithMeta | undefined)?.meta;
        if (meta?.cached === true && meta.stale === false) {
          markReplayable(res);
        }
      }),
    );
  }
}
