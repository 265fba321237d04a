import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
    summary: 'Stored news from the configured feeds, newest first, de-duplicated and coin-tagged',
  })
  list(@Query() query: NewsQueryDto): Promise<NewsPageDto> {
    return this.news.list(query);
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
