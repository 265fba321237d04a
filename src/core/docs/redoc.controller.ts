import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createReadStream } from 'node:fs';
import { OPENAPI_JSON_PATH } from './openapi';

const REDOC_BUNDLE = require.resolve('redoc/bundles/redoc.standalone.js');
const REDOC_PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Crypto-DT-Source API reference</title>
  </head>
  <body>
    <redoc spec-url="/${OPENAPI_JSON_PATH}"></redoc>
    <script src="/redoc/redoc.standalone.js"></script>
  </body>
</html>
`;

/** ReDoc served from the installed `redoc` package, so it works without a CDN. */
@ApiExcludeController()
@Controller('redoc')
export class RedocController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return REDOC_PAGE;
  }

  @Get('redoc.standalone.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=86400')
  bundle(): StreamableFile {
    return new StreamableFile(createReadStream(REDOC_BUNDLE));
  }
}
