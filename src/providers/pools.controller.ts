import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/require-tier.decorator';
import { listMeta } from '../core/web/dto/response-meta.dto';
import { CreatePoolDto, PoolDto, PoolsResponseDto } from './dto/pool.dto';
import { PoolService, type PoolView } from './pools/pool.service';
import { API_TAGS } from '../core/docs/api-tags';

function toDto(pool: PoolView): PoolDto {
  return {
    id: pool.id,
    name: pool.name,
    category: pool.category,
    strategy: pool.strategy,
    created_at: pool.createdAt.toISOString(),
    active: pool.active,
    members: pool.members,
    next_order: pool.nextOrder,
  };
}

@ApiTags(API_TAGS.operations)
@Controller('api/pools')
export class PoolsController {
  constructor(private readonly pools: PoolService) {}

  @Get()
  @ApiOperation({ summary: 'Provider pools: which providers serve each category, in what order' })
  list(): PoolsResponseDto {
    const data = this.pools.list().map(toDto);
    return { data, meta: listMeta(data) };
  }

  @Post()
  @AdminOnly()
  @ApiOperation({ summary: 'Create a pool; the newest pool of a category is the one in use' })
  async create(@Body() body: CreatePoolDto): Promise<PoolDto> {
    return toDto(await this.pools.create(body));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One pool' })
  get(@Param('id', ParseIntPipe) id: number): PoolDto {
    return toDto(this.pools.get(id));
  }

  @Delete(':id')
  @HttpCode(204)
  @AdminOnly()
  @ApiOperation({ summary: 'Delete a pool; its category falls back to the previous pool' })
  async delete(@Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.pools.delete(id);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({ summary: 'Move the pool one provider on (round-robin starting point)' })
  rotate(@Param('id', ParseIntPipe) id: number): PoolDto {
    return toDto(this.pools.rotate(id));
  }
}
