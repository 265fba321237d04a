import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiKeyDto,
  ApiKeysResponseDto,
  CreatedKeyDto,
  CreateKeyDto,
  KeyIdDto,
  UpdateKeyDto,
} from '../dto/auth.dto';
import type { ApiKey } from '../entities/api-key.entity';
import { AdminOnly } from '../require-tier.decorator';
import { ApiKeyService } from './api-key.service';
import { API_TAGS } from '../../core/docs/api-tags';

@ApiTags(API_TAGS.auth)
@Controller('api/auth/keys')
@AdminOnly()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @ApiOperation({ summary: 'Create a key; the key itself is in this answer only' })
  async create(@Body() body: CreateKeyDto): Promise<CreatedKeyDto> {
    const { key, record } = await this.keys.create(body);
    return { ...toDto(record), key };
  }

  @Get()
  @ApiOperation({ summary: 'Every key (prefix, tier, last use; never the key)' })
  async list(): Promise<ApiKeysResponseDto> {
    return { data: (await this.keys.list()).map(toDto) };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a key, change its tier, revoke or restore it' })
  async update(@Param() { id }: KeyIdDto, @Body() body: UpdateKeyDto): Promise<ApiKeyDto> {
    return toDto(await this.keys.update(id, body));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a key: it and its tokens stop working at once' })
  async revoke(@Param() { id }: KeyIdDto): Promise<ApiKeyDto> {
    return toDto(await this.keys.revoke(id));
  }
}

function toDto(record: ApiKey): ApiKeyDto {
  return {
    id: record.id,
    prefix: record.prefix,
    name: record.name,
    tier: record.tier,
    created_at: record.createdAt.toISOString(),
    last_used_at: record.lastUsedAt?.toISOString() ?? null,
    revoked: record.revokedAt !== null,
  };
}
