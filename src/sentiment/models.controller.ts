import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ModelsResponseDto } from './dto/models.dto';
import { ModelManager } from './engine/model-manager.service';
import { API_TAGS } from '../core/docs/api-tags';

@ApiTags(API_TAGS.sentiment)
@Controller('api/models')
export class ModelsController {
  constructor(private readonly models: ModelManager) {}

  @Get()
  @ApiOperation({
    summary:
      'Every configured model (and bundled fallback): kind, source, status, load time, inference counts',
  })
  list(): ModelsResponseDto {
    return {
      enabled: this.models.enabled,
      data: this.models.list().map((state) => {
        const latency = state.latency();
        return {
          name: state.spec.name,
          kind: state.spec.role,
          source: state.spec.source,
          status: state.status,
          error: state.error ?? null,
          active: this.models.active(state.spec.role) === state,
          fallback_for: state.fallbackFor ?? null,
          load_ms: state.loadMs === undefined ? null : Math.round(state.loadMs),
          inferences: state.inferences,
          texts: state.texts,
          latency: latency && { avg_ms: round2(latency.avg), p95_ms: round2(latency.p95) },
        };
      }),
    };
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
