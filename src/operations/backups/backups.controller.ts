import { Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../../auth/require-tier.decorator';
import { type BackupFile, BackupService } from './backup.service';
import { BackupDto, BackupResultDto, BackupsResponseDto } from './backups.dto';
import { API_TAGS } from '../../core/docs/api-tags';

@ApiTags(API_TAGS.operations)
@Controller('api/backups')
@AdminOnly()
export class BackupsController {
  constructor(private readonly backups: BackupService) {}

  @Post()
  @ApiOperation({
    summary: 'Back the SQLite database up now (online, integrity-checked); 501 on PostgreSQL',
  })
  async create(): Promise<BackupResultDto> {
    const result = await this.backups.backup();
    return { ...toDto(result), integrity: result.integrity, duration_ms: result.durationMs };
  }

  @Get()
  @ApiOperation({ summary: 'The backups kept in DATA_DIR/backups, newest first' })
  list(): BackupsResponseDto {
    return { data: this.backups.list().map(toDto) };
  }
}

function toDto(backup: BackupFile): BackupDto {
  return {
    file: backup.file,
    size_bytes: backup.sizeBytes,
    created_at: backup.createdAt.toISOString(),
  };
}
