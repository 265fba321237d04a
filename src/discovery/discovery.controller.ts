import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/require-tier.decorator';
import type { UpstreamProvider } from '../providers/entities/upstream-provider.entity';
import { type DiscoveryRun, DiscoveryService } from './discovery.service';
import { DiscoveredProviders } from './discovered-providers.service';
import {
  DiscoveredNameDto,
  DiscoveryResultDto,
  DiscoveryResultsDto,
  DiscoveryRunDto,
  DiscoveryRunQueryDto,
  EnabledDiscoveredDto,
  EnableDiscoveredDto,
} from './dto/discovery.dto';
import { API_TAGS } from '../core/docs/api-tags';

@ApiTags(API_TAGS.operations)
@Controller('api/discovery')
@AdminOnly()
export class DiscoveryController {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly enabler: DiscoveredProviders,
  ) {}

  @Post('run')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Probe the catalogued candidates (background=true answers with the run id at once)',
  })
  async run(@Query() query: DiscoveryRunQueryDto): Promise<DiscoveryRunDto> {
    const { run, done } = this.discovery.start();
    return toRunDto(query.background ? run : await done);
  }

  @Get('status')
  @ApiOperation({ summary: 'The current or last discovery run; 404 before the first' })
  status(): DiscoveryRunDto {
    const run = this.discovery.status();
    if (!run) {
      throw new NotFoundException('Discovery has not run yet: POST /api/discovery/run');
    }
    return toRunDto(run);
  }

  @Post('results/:name/enable')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Enable a validated provider whose catalogue entry has a quote path into a prices pool (after a live BTC quote)',
  })
  async enable(
    @Param() { name }: DiscoveredNameDto,
    @Body() body: EnableDiscoveredDto,
  ): Promise<EnabledDiscoveredDto> {
    const { provider, pool } = await this.enabler.enable(name, body.pool_id);
    return {
      provider: toResultDto(provider),
      pool: { id: pool.id, name: pool.name, members: pool.members.map((m) => m.provider) },
    };
  }

  @Get('results')
  @ApiOperation({ summary: 'Every discovered provider: validated or rejected, why, and latency' })
  async results(): Promise<DiscoveryResultsDto> {
    return { data: (await this.discovery.results()).map(toResultDto) };
  }
}

function toRunDto(run: DiscoveryRun): DiscoveryRunDto {
  return {
    run_id: run.runId,
    state: run.state,
    started_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
    candidates: run.candidates,
    discovered: run.discovered,
    validated: run.validated,
    rejected: run.rejected,
    catalogue_errors: run.catalogueErrors,
  };
}

function toResultDto(row: UpstreamProvider): DiscoveryResultDto {
  return {
    name: row.name,
    category: row.category,
    base_url: row.baseUrl,
    status: row.status,
    reason: row.lastError,
    latency_ms: row.latencyMs,
    requires_key: row.requiresKey,
    checked_at: row.lastCheck?.toISOString() ?? null,
    quotes: row.adapterSpec !== null,
    enabled: row.enabled,
  };
}
