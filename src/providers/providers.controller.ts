import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/require-tier.decorator';
import { listMeta } from '../core/web/dto/response-meta.dto';
import {
  ProbeResultDto,
  ProviderDto,
  ProvidersResponseDto,
  ProviderStatsDto,
} from './dto/provider.dto';
import { StatsQueryDto, UpdateProviderDto } from './dto/provider-query.dto';
import { ProvidersService } from './providers.service';
import { API_TAGS } from '../core/docs/api-tags';

@ApiTags(API_TAGS.operations)
@Controller('api/providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Get()
  @ApiOperation({ summary: 'Every upstream provider with its live health, breaker and budget' })
  async list(): Promise<ProvidersResponseDto> {
    const data = await this.providers.list();
    return { data, meta: listMeta(data) };
  }

  @Get('stats')
  @ApiOperation({
    summary: 'Calls, errors and p50/p95 latency per provider over a window (from api_calls)',
  })
  stats(@Query() query: StatsQueryDto): Promise<ProviderStatsDto> {
    return this.providers.callStats(query.window);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One provider' })
  get(@Param('id') id: string): Promise<ProviderDto> {
    return this.providers.get(id);
  }

  @Get(':id/health')
  @ApiOperation({
    summary: 'Probe the provider now, bypassing caches and its breaker (not its budget)',
  })
  health(@Param('id') id: string): Promise<ProbeResultDto> {
    return this.providers.probe(id, { resetBreaker: false });
  }

  @Post(':id/check')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({ summary: 'Probe the provider and close its breaker when it answers' })
  check(@Param('id') id: string): Promise<ProbeResultDto> {
    return this.providers.probe(id, { resetBreaker: true });
  }

  @Patch(':id')
  @AdminOnly()
  @ApiOperation({ summary: 'Enable or disable a provider, or change its priority' })
  update(@Param('id') id: string, @Body() body: UpdateProviderDto): Promise<ProviderDto> {
    return this.providers.update(id, body);
  }
}
