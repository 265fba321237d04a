import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProvidersModule } from '../providers/providers.module';
import { CoinCatalogue } from './coin-catalogue';
import { Price } from './entities/price.entity';
import { PriceStore } from './price.store';
import { PricesController } from './prices.controller';
import { PricesService } from './prices.service';

@Module({
  imports: [TypeOrmModule.forFeature([Price]), ProvidersModule],
  controllers: [PricesController],
  providers: [CoinCatalogue, PriceStore, PricesService],
})
export class MarketModule {}
