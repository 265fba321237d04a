import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MarketResponseDto, TopCoinsQueryDto, TopCoinsResponseDto } from './dto/market.dto';
import { MarketService } from './market.service';

@ApiTags('market')
@Controller('api')
export class MarketController {
  constructor(private readonly market: MarketService) {}

  @Get('market')
  @ApiOperation({
    summary: 'Market overview: total cap and volume, dominance, BTC/ETH, top 10 coins',
  })
  overview(): Promise<MarketResponseDto> {
    return this.market.overview();
  }

  @Get('coins/top')
  @ApiOperation({ summary: 'Coins by market cap (1..250)' })
  top(@Query() query: TopCoinsQueryDto): Promise<TopCoinsResponseDto> {
    return this.market.topCoins(query.limit);
  }
}
