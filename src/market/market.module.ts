import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProvidersModule } from '../providers/providers.module';
import { CoinCatalogue } from './coin-catalogue';
import { Ohlcv } from './entities/ohlcv.entity';
import { Price } from './entities/price.entity';
import { OhlcvController } from './ohlcv.controller';
import { OhlcvService } from './ohlcv.service';
import { OhlcvStore } from './ohlcv.store';
import { PriceStore } from './price.store';
import { PricesController } from './prices.controller';
import { PricesService } from './prices.service';

@Module({
  imports: [TypeOrmModule.forFeature([Price, Ohlcv]), ProvidersModule],
  controllers: [PricesController, OhlcvController],
  providers: [CoinCatalogue, PriceStore, PricesService, OhlcvStore, OhlcvService],
})
export class MarketModule {}
