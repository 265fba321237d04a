import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { readAppInfo } from '../../core/app-info';
import { type AppConfig, InjectConfig } from '../../core/config';
import { API_TAGS } from '../../core/docs/api-tags';
import { buildAsyncApiDocument } from './asyncapi.document';
import { renderAsyncApiPage } from './asyncapi.page';

/** The streams' AsyncAPI document and a readable page of it. */
@ApiTags(API_TAGS.realtime)
@Controller()
export class AsyncApiController {
  private readonly document: object;
  private readonly page: string;

  constructor(@InjectConfig() config: AppConfig) {
    this.document = buildAsyncApiDocument(config, readAppInfo());
    this.page = renderAsyncApiPage(this.document);
  }

  @Get('asyncapi.json')
  @ApiOperation({
    summary:
      'AsyncAPI 3 document of the real-time streams (Socket.IO at /socket.io, plain WebSocket at /ws); readable at /asyncapi',
  })
  @ApiOkResponse({ description: 'The AsyncAPI 3.0 document', schema: { type: 'object' } })
  asyncApi(): object {
    return this.document;
  }

  @Get('asyncapi')
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/html; charset=utf-8')
  html(): string {
    return this.page;
  }
}
