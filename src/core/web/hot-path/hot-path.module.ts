import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CacheModule } from '../../cache';
import { HotPath } from './hot-path.service';
import { HOT_PATH_GATE, type HotPathGate } from './hot-path.gate';
import { HotResponseInterceptor } from './hot-response.interceptor';

export interface HotPathOptions {
  /** The gate that identifies and charges callers, and the module that provides (exports) it. */
  gate: { module: Type | DynamicModule; useExisting: Type<HotPathGate> };
}

/**
 * The hot path and its interceptor. It imports what it needs, the data cache (whose invalidation
 * empties it) and the module of its gate, rather than relying on either being global; the gate
 * is named by the application (the auth module's), so core code does not depend on a feature.
 */
@Module({})
export class HotPathModule {
  static forRoot(options: HotPathOptions): DynamicModule {
    return {
      module: HotPathModule,
      imports: [CacheModule, options.gate.module],
      providers: [
        HotPath,
        { provide: HOT_PATH_GATE, useExisting: options.gate.useExisting },
        { provide: APP_INTERCEPTOR, useClass: HotResponseInterceptor },
      ],
      exports: [HotPath, HOT_PATH_GATE],
    };
  }
}
