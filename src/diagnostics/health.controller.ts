import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { SkipRateLimit } from '../auth/skip-rate-limit.decorator';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthReportDto, LivenessDto, ReadinessDto } from './dto/health-report.dto';
import { HealthService } from './health.service';
import { API_TAGS } from '../core/docs/api-tags';

@ApiTags(API_TAGS.operations)
@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @SkipRateLimit()
  @ApiOperation({ summary: 'Health of the service and its components' })
  @ApiResponse({
    status: 200,
    type: HealthReportDto,
    description: 'The database is up (status ok, or degraded when an optional part is impaired)',
  })
  @ApiResponse({ status: 503, type: HealthReportDto, description: 'The database is down' })
  async report(@Res({ passthrough: true }) res: Response): Promise<HealthReportDto> {
    const report = await this.health.report();
    if (report.status === 'error') {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
    }
    return report;
  }

  @Get('ready')
  @SkipRateLimit()
  @ApiOperation({ summary: 'Readiness: migrations have run and the app accepts traffic' })
  @ApiResponse({ status: 200, type: ReadinessDto })
  ready(): Promise<ReadinessDto> {
    return this.health.readiness();
  }

  @Get('live')
  @SkipRateLimit()
  @ApiOperation({ summary: 'Liveness: the process is up and answering' })
  @ApiResponse({ status: 200, type: LivenessDto })
  live(): LivenessDto {
    return this.health.liveness();
  }
}
