import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProvidersModule } from '../providers/providers.module';
import { CoinCatalogue } from './coins/coin-catalogue';
import { CoinDirectoryService } from './coins/coin-directory.service';
import { CoinListingStore } from './coins/coin-listing.store';
import { CoinListingRecord } from './entities/coin-listing.entity';
import { ExchangePairRecord } from './entities/exchange-pair.entity';
import { MarketCoinRecord } from './entities/market-coin.entity';
import { MarketSnapshot } from './entities/market-snapshot.entity';
import { Ohlcv } from './entities/ohlcv.entity';
import { MarketCoinStore } from './market-coin.store';
import { MarketSnapshotStore } from './market-snapshot.store';
import { MarketJob } from './market.job';
import { MarketController } from './market.controller';
import { MarketService } from './market.service';
import { Price } from './entities/price.entity';
import { TrendingCoinRecord } from './entities/trending-coin.entity';
import { TrendingService } from './trending.service';
import { OhlcvController } from './ohlcv.controller';
import { OhlcvService } from './ohlcv.service';
import { OhlcvSources } from './ohlcv-sources';
import { OhlcvStore } from './ohlcv.store';
import { PairDirectory } from './pairs/pair-directory.service';
import { PairListStore } from './pairs/pair-list.store';
import { PriceStore } from './price.store';
import { PriceHistoryService } from './price-history.service';
import { PriceHistoryStore } from './price-history.store';
import { PricesController } from './prices.controller';
import { PricesService } from './prices.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Price,
      Ohlcv,
      MarketSnapshot,
      MarketCoinRecord,
      TrendingCoinRecord,
      CoinListingRecord,
      ExchangePairRecord,
    ]),
    ProvidersModule,
  ],
  controllers: [PricesController, OhlcvController, MarketController],
  providers: [
    CoinCatalogue,
    CoinListingStore,
    CoinDirectoryService,
    PriceStore,
    PricesService,
    OhlcvStore,
    OhlcvService,
    OhlcvSources,
    PairListStore,
    PairDirectory,
    MarketCoinStore,
    MarketSnapshotStore,
    MarketService,
    TrendingService,
    PriceHistoryStore,
    PriceHistoryService,
    MarketJob,
  ],
  exports: [CoinCatalogue, PricesService],
})
export class MarketModule {}
