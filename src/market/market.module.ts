import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CurrenciesModule } from '../currencies/currencies.module';
import { ProvidersModule } from '../providers/providers.module';
import { CoinCatalogue } from './coins/coin-catalogue';
import { CoinDirectoryService } from './coins/coin-directory.service';
import { CoinListingStore } from './coins/coin-listing.store';
import { CoinListingRecord } from './entities/coin-listing.entity';
import { MarketCoinRecord } from './entities/market-coin.entity';
import { MarketSnapshot } from './entities/market-snapshot.entity';
import { Ohlcv } from './entities/ohlcv.entity';
import { MarketCoinStore } from './market-coin.store';
import { MarketSnapshotStore } from './market-snapshot.store';
import { MarketJob } from './market.job';
import { MarketController } from './market.controller';
import { MarketService } from './market.service';
import { MarketVsService } from './market-vs.service';
import { Price } from './entities/price.entity';
import { TrendingCoinRecord } from './entities/trending-coin.entity';
import { TrendingService } from './trending.service';
import { OhlcvController } from './ohlcv.controller';
import { OhlcvService } from './ohlcv.service';
import { OhlcvStore } from './ohlcv.store';
import { PriceStore } from './price.store';
import { PriceHistoryService } from './price-history.service';
import { PriceHistoryStore } from './price-history.store';
import { PricesController } from './prices.controller';
import { PricesService } from './prices.service';
import { PricesVsService } from './prices-vs.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Price,
      Ohlcv,
      MarketSnapshot,
      MarketCoinRecord,
      TrendingCoinRecord,
      CoinListingRecord,
    ]),
    ProvidersModule,
    CurrenciesModule,
  ],
  controllers: [PricesController, OhlcvController, MarketController],
  providers: [
    CoinCatalogue,
    CoinListingStore,
    CoinDirectoryService,
    PriceStore,
    PricesService,
    PricesVsService,
    OhlcvStore,
    OhlcvService,
    MarketCoinStore,
    MarketSnapshotStore,
    MarketService,
    MarketVsService,
    TrendingService,
    PriceHistoryStore,
    PriceHistoryService,
    MarketJob,
  ],
  exports: [CoinCatalogue, PricesService],
})
export class MarketModule {}
