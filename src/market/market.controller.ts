import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MarketResponseDto, TopCoinsQueryDto, TopCoinsResponseDto } from './dto/market.dto';
import { MarketService } from './market.service';
import { TrendingResponseDto } from './dto/trending.dto';
import { TrendingService } from './trending.service';

@ApiTags('market')
@Controller('api')
export class MarketController {
  constructor(
    private readonly market: MarketService,
    private readonly trendingCoins: TrendingService,
  ) {}

  @Get('market')
  @ApiOperation({
    summary: 'Market overview: total cap and volume, dominance, BTC/ETH, top 10 coins',
  })
  overview(): Promise<MarketResponseDto> {
    return this.market.overview();
  }

  @Get('trending')
  @ApiOperation({ summary: 'The top 7 trending coins; each fetched list is stored' })
  trending(): Promise<TrendingResponseDto> {
    return this.trendingCoins.trending();
  }

  @Get('coins/top')
  @ApiOperation({ summary: 'Coins by market cap (1..250)' })
  top(@Query() query: TopCoinsQueryDto): Promise<TopCoinsResponseDto> {
    return this.market.topCoins(query.limit);
  }
}
