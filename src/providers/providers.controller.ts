import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/require-tier.decorator';
import { ProbeResultDto, ProviderDto, ProviderStatsDto } from './dto/provider.dto';
import { StatsQueryDto, UpdateProviderDto } from './dto/provider-query.dto';
import { ProvidersService } from './providers.service';

@ApiTags('providers')
@Controller('api/providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Get()
  @ApiOperation({ summary: 'Every upstream provider with its live health, breaker and budget' })
  list(): Promise<ProviderDto[]> {
    return this.providers.list();
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
