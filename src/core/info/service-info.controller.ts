import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AppInfo } from '../app-info';
import { DOCS_PATH, OPENAPI_JSON_PATH } from '../docs';
import { ServiceInfoDto } from './service-info.dto';
import { API_TAGS } from '../docs/api-tags';

export const APP_INFO = Symbol('APP_INFO');

@ApiTags(API_TAGS.operations)
@Controller()
export class ServiceInfoController {
  constructor(@Inject(APP_INFO) private readonly info: AppInfo) {}

  @Get()
  @ApiOperation({
    summary: 'Service name, version and where to find the docs and health',
    description:
      'Browsers (an Accept header preferring text/html) get the live dashboard page instead.',
  })
  @ApiProduces('application/json', 'text/html')
  describe(): ServiceInfoDto {
    return {
      name: this.info.name,
      version: this.info.version,
      description: this.info.description,
      links: {
        docs: `/${DOCS_PATH}`,
        redoc: '/redoc',
        openapi: `/${OPENAPI_JSON_PATH}`,
        health: '/api/health',
        asyncapi: '/asyncapi',
      },
    };
  }
}
