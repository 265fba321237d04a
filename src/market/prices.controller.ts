import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ConsensusResponseDto,
  PriceResponseDto,
  PricesQueryDto,
  PricesResponseDto,
  PriceVsQueryDto,
} from './dto/prices.dto';
import { PricesService } from './prices.service';

@ApiTags('market')
@Controller('api/prices')
export class PricesController {
  constructor(private readonly prices: PricesService) {}

  @Get()
  @ApiOperation({
    summary: 'Live prices for several coins; unknown tickers are listed in meta.unknown',
  })
  list(@Query() query: PricesQueryDto): Promise<PricesResponseDto> {
    return this.prices.prices(query.symbols);
  }

  @Get('consensus')
  @ApiOperation({
    summary:
      "Median of every available provider's latest quote, each source and the spread in percent",
  })
  consensus(@Query() query: PricesQueryDto): Promise<ConsensusResponseDto> {
    return this.prices.consensus(query.symbols);
  }

  @Get(':symbol')
  @ApiOperation({ summary: 'Live price of one coin; 404 for an unknown ticker' })
  one(
    @Param('symbol') symbol: string,
    @Query() _query: PriceVsQueryDto,
  ): Promise<PriceResponseDto> {
    return this.prices.price(symbol);
  }
}
