import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { API_TAGS } from '../core/docs/api-tags';
import { sendCsv } from '../core/web/csv';
import { CurrenciesService } from './currencies.service';
import { toCurrencyDto } from './currency.view';
import { CurrenciesQueryDto, CurrenciesResponseDto } from './dto/currencies.dto';

@Controller('api/currencies')
export class CurrenciesController {
  constructor(private readonly currencies: CurrenciesService) {}

  @ApiTags(API_TAGS.market)
  @Get()
  @ApiOperation({
    summary:
      'The currencies `vs` accepts: quoted directly by a provider or converted from USD, with each rate, its source and date',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CurrenciesResponseDto, description: 'JSON, or text/csv with format=csv' })
  async list(
    @Query() query: CurrenciesQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CurrenciesResponseDto | string> {
    const table = await this.currencies.table();
    const data = table.entries.map((e) => toCurrencyDto(e, this.currencies.conversionTo(e.code)));
    return query.format === 'csv'
      ? sendCsv({
          res,
          filename: 'currencies',
          columns: [
            'code',
            'name',
            'kind',
            'quoted',
            'quoted_by',
            'rate',
            'rate_source',
            'rate_as_of',
            'stale',
          ],
          rows: data,
        })
      : {
          data,
          meta: {
            count: data.length,
            asOf: table.updatedAt?.toISOString() ?? null,
            stale: table.stale,
            attempted: table.attempted,
          },
        };
  }
}
