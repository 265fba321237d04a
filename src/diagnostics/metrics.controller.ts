import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipRateLimit } from '../auth/skip-rate-limit.decorator';
import { MetricsService } from '../core/metrics/metrics.service';
import { MetricsReportDto } from './dto/metrics.dto';
import { SystemMetricsService } from './system-metrics.service';
import { API_TAGS } from '../core/docs/api-tags';

@ApiTags(API_TAGS.operations)
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly system: SystemMetricsService,
  ) {}

  @Get('api/metrics')
  @ApiOperation({ summary: 'Process, system, database, request and provider figures as JSON' })
  report(): Promise<MetricsReportDto> {
    return this.system.report();
  }

  @Get('metrics')
  @SkipRateLimit()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  prometheus(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
