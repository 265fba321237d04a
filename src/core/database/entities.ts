import { ApiKey } from '../../auth/entities/api-key.entity';
import { CurrencyRecord } from '../../currencies/entities/currency.entity';
import { UserRequest } from '../../auth/entities/user-request.entity';
import { DefiProtocol } from '../../defi/entities/defi-protocol.entity';
import { DefiTvlDay } from '../../defi/entities/tvl-day.entity';
import { FearGreedDay } from '../../fear-greed/entities/fear-greed.entity';
import { CoinDetailRecord } from '../../market/entities/coin-detail.entity';
import { CoinListingRecord } from '../../market/entities/coin-listing.entity';
import { DirectoryCoinRecord } from '../../market/entities/directory-coin.entity';
import { ExchangePairRecord } from '../../market/entities/exchange-pair.entity';
import { MarketCoinRecord } from '../../market/entities/market-coin.entity';
import { MarketSnapshot } from '../../market/entities/market-snapshot.entity';
import { Ohlcv } from '../../market/entities/ohlcv.entity';
import { Price } from '../../market/entities/price.entity';
import { TrendingCoinRecord } from '../../market/entities/trending-coin.entity';
import { NewsFeedState } from '../../news/entities/news-feed.entity';
import { NewsItem } from '../../news/entities/news-item.entity';
import { ApiCall } from '../../providers/entities/api-call.entity';
import { PoolMember } from '../../providers/entities/pool-member.entity';
import { ProviderPool } from '../../providers/entities/provider-pool.entity';
import { UpstreamProvider } from '../../providers/entities/upstream-provider.entity';
import { JobRunRecord } from '../jobs/entities/job-run.entity';

/**
 * Every entity, listed as classes (not globs) so the app, the TypeORM CLI and the tests load
 * the same set whether they run from src/ or dist/. Each class lives in the module that owns it.
 */
export const ENTITIES = [
  Price,
  Ohlcv,
  MarketSnapshot,
  MarketCoinRecord,
  TrendingCoinRecord,
  CoinListingRecord,
  DirectoryCoinRecord,
  CoinDetailRecord,
  ExchangePairRecord,
  NewsItem,
  NewsFeedState,
  DefiProtocol,
  DefiTvlDay,
  FearGreedDay,
  UpstreamProvider,
  ProviderPool,
  PoolMember,
  ApiCall,
  UserRequest,
  ApiKey,
  JobRunRecord,
  CurrencyRecord,
];
