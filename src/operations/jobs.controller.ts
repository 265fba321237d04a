import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/require-tier.decorator';
import { JobNameDto, JobRunDto, JobsResponseDto, type JobStatusDto } from './jobs.dto';
import { type JobRun, JobScheduler, type JobStatus } from '../core/jobs';
import { API_TAGS } from '../core/docs/api-tags';
import { LeaderLock } from '../core/cluster/leader-lock';

/** Admins only: a run's error text can carry upstream URLs and the like. */
@ApiTags(API_TAGS.operations)
@Controller('api/jobs')
@AdminOnly()
export class JobsController {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly leader: LeaderLock,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Every background job: cron, whether scheduled, running, last and next run; which replica leads',
  })
  list(): JobsResponseDto {
    const { replica, leader, leading } = this.leader.state();
    return {
      data: this.jobs.list().map(toStatusDto),
      cluster: { replica, leader, this_replica_leads: leading },
    };
  }

  @Post(':name/run')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run a job now and answer with its run; while it is running, join that run instead',
  })
  async run(@Param() { name }: JobNameDto): Promise<JobRunDto> {
    return toRunDto(name, await this.jobs.run(name));
  }
}

function toRunDto(name: string, run: JobRun): JobRunDto {
  return {
    name,
    started_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt.toISOString(),
    duration_ms: run.durationMs,
    result: run.result,
    rows: run.rows,
    error: run.error,
  };
}

function toStatusDto(job: JobStatus): JobStatusDto {
  return {
    name: job.name,
    cron: job.cron,
    enabled: job.enabled,
    running: job.running,
    last_run: job.lastRun ? toRunDto(job.name, job.lastRun) : null,
    next_run: job.nextRun?.toISOString() ?? null,
  };
}
