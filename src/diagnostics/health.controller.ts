import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { SkipRateLimit } from '../auth/skip-rate-limit.decorator';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthReportDto, LivenessDto } from './dto/health-report.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Health of the service and its components' })
  @ApiResponse({
    status: 200,
    type: HealthReportDto,
    description: 'Every critical component is up',
  })
  @ApiResponse({ status: 503, type: HealthReportDto, description: 'The database is down' })
  async report(@Res({ passthrough: true }) res: Response): Promise<HealthReportDto> {
    const report = await this.health.report();
    if (report.status === 'error') {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
    }
    return report;
  }

  @Get('live')
  @SkipRateLimit()
  @ApiOperation({ summary: 'Liveness: the process is up and answering' })
  @ApiResponse({ status: 200, type: LivenessDto })
  live(): LivenessDto {
    return this.health.liveness();
  }
}
