import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { sendCsv } from '../core/web/csv';
import { NEWS_CSV_COLUMNS, toNewsCsvRow } from './news.csv';
import {
  NewsIdDto,
  NewsItemResponseDto,
  NewsPageDto,
  NewsQueryDto,
  NewsSourcesResponseDto,
} from './dto/news.dto';
import { NewsService } from './news.service';
import { API_TAGS } from '../core/docs/api-tags';

@ApiTags(API_TAGS.news)
@Controller('api/news')
export class NewsController {
  constructor(private readonly news: NewsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Stored news from the configured feeds, newest first, de-duplicated and coin-tagged; format=csv for text/csv',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: NewsPageDto, description: 'JSON, or text/csv with format=csv' })
  async list(
    @Query() { format, ...query }: NewsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<NewsPageDto | string> {
    const result = await this.news.list(query);
    return format === 'csv'
      ? sendCsv({
          res,
          filename: `news-page-${query.page}`,
          columns: [...NEWS_CSV_COLUMNS],
          rows: result.data.map(toNewsCsvRow),
        })
      : result;
  }

  @Get('sources')
  @ApiOperation({ summary: 'Each feed with its last fetch, items stored and last error' })
  sources(): Promise<NewsSourcesResponseDto> {
    return this.news.sources();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One stored news item; 404 when there is none' })
  one(@Param() { id }: NewsIdDto): Promise<NewsItemResponseDto> {
    return this.news.one(id);
  }
}
