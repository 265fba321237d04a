import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { OhlcvQueryDto, OhlcvResponseDto } from './dto/ohlcv.dto';
import { OhlcvService } from './ohlcv.service';

@ApiTags('market')
@Controller('api/ohlcv')
export class OhlcvController {
  constructor(private readonly ohlcv: OhlcvService) {}

  @Get()
  @ApiOperation({
    summary: 'OHLCV candles, oldest first; stored in the ohlcv table as they are fetched',
  })
  candles(@Query() query: OhlcvQueryDto): Promise<OhlcvResponseDto> {
    return this.ohlcv.candles(query);
  }
}
