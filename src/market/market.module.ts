import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CurrenciesModule } from '../currencies/currencies.module';
import { ProvidersModule } from '../providers/providers.module';
import { CoinCatalogue } from './coins/coin-catalogue';
import { CoinDirectoryService } from './coins/coin-directory.service';
import { CoinListingStore } from './coins/coin-listing.store';
import { CoinListingRecord } from './entities/coin-listing.entity';
import { CoinDetailRecord } from './entities/coin-detail.entity';
import { DirectoryCoinRecord } from './entities/directory-coin.entity';
import { CoinDetailService } from './directory/coin-detail.service';
import { CoinDetailStore } from './directory/coin-detail.store';
import { CoinsController } from './directory/coins.controller';
import { DirectoryQueries } from './directory/directory.queries';
import { DirectoryStore } from './directory/directory.store';
import { FullDirectoryService } from './directory/full-directory.service';
import { ExchangePairRecord } from './entities/exchange-pair.entity';
import { MarketCoinRecord } from './entities/market-coin.entity';
import { MarketSnapshot } from './entities/market-snapshot.entity';
import { Ohlcv } from './entities/ohlcv.entity';
import { MarketCoinStore } from './market-coin.store';
import { MarketSnapshotStore } from './market-snapshot.store';
import { MarketJob } from './market.job';
import { MarketController } from './market.controller';
import { MarketService } from './market.service';
import { MarketVsService } from './market-vs.service';
import { MarketListVsService } from './market-list-vs.service';
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
import { TopCoinsController } from './top-coins.controller';
import { TopCoinsService } from './top-coins.service';
import { MoversService } from './movers.service';
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
      DirectoryCoinRecord,
      CoinDetailRecord,
      ExchangePairRecord,
    ]),
    ProvidersModule,
    CurrenciesModule,
  ],
  // CoinsController last: /api/coins/top (TopCoinsController) is matched before /api/coins/:id.
  controllers: [
    PricesController,
    OhlcvController,
    MarketController,
    TopCoinsController,
    CoinsController,
  ],
  providers: [
    CoinCatalogue,
    CoinListingStore,
    CoinDirectoryService,
    DirectoryStore,
    FullDirectoryService,
    DirectoryQueries,
    CoinDetailStore,
    CoinDetailService,
    PriceStore,
    PricesService,
    PricesVsService,
    OhlcvStore,
    OhlcvService,
    OhlcvSources,
    PairListStore,
    PairDirectory,
    MarketCoinStore,
    MarketSnapshotStore,
    MarketService,
    TopCoinsService,
    MoversService,
    MarketVsService,
    MarketListVsService,
    TrendingService,
    PriceHistoryStore,
    PriceHistoryService,
    MarketJob,
  ],
  exports: [CoinCatalogue, PricesService],
})
export class MarketModule {}
