import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_TAGS } from '../core/docs/api-tags';
import { HotResponse } from '../core/web/hot-path/hot-response.decorator';
import { GasResponseDto } from './dto/gas.dto';
import { GasService } from './gas.service';

@ApiTags(API_TAGS.market)
@Controller('api/gas')
export class GasController {
  constructor(private readonly gas: GasService) {}

  @Get()
  @HotResponse()
  @ApiOperation({
    summary: 'Ethereum gas prices (Etherscan gas oracle; needs ETHERSCAN_API_KEY)',
  })
  prices(): Promise<GasResponseDto> {
    return this.gas.prices();
  }
}
