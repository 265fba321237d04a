import { Controller, Get, HttpCode, NotFoundException, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/require-tier.decorator';
import { DiagnosticsService } from './diagnostics.service';
import type { DiagnosticsReport } from './diagnostics.types';
import { DiagnosticsQueryDto, DiagnosticsReportDto } from './dto/diagnostics.dto';
import { API_TAGS } from '../core/docs/api-tags';

@ApiTags(API_TAGS.operations)
@Controller('api/diagnostics')
@AdminOnly()
export class DiagnosticsController {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  @Post('run')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Run every check (database, providers, disk, memory, models, config, folders, upstreams); auto_fix applies the safe repairs',
  })
  async run(@Query() query: DiagnosticsQueryDto): Promise<DiagnosticsReportDto> {
    return toDto(await this.diagnostics.run(query.auto_fix));
  }

  @Get('last')
  @ApiOperation({ summary: 'The last diagnostics report; 404 before the first run' })
  last(): DiagnosticsReportDto {
    const report = this.diagnostics.lastReport();
    if (!report) {
      throw new NotFoundException('Diagnostics have not run yet: POST /api/diagnostics/run');
    }
    return toDto(report);
  }
}

function toDto(report: DiagnosticsReport): DiagnosticsReportDto {
  return {
    timestamp: report.timestamp.toISOString(),
    duration_ms: report.durationMs,
    auto_fix: report.autoFix,
    total_checks: report.totalChecks,
    issues_found: report.issuesFound,
    issues: report.issues,
    fixes_applied: report.fixesApplied,
  };
}
