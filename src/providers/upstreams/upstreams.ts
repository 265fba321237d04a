import type { Provider, Type } from '@nestjs/common';
import type { AdapterFor, UpstreamAdapter } from '../provider.types';
import type { ProviderCategory } from '../../core/config';
import { AlternativeMeAdapter } from './alternative-me/alternative-me.adapter';
import { BinanceAdapter } from './binance/binance.adapter';
import { CoinbaseAdapter } from './coinbase/coinbase.adapter';
import { CoinCapAdapter } from './coincap/coincap.adapter';
import { CoinGeckoAdapter } from './coingecko/coingecko.adapter';
import { CoinLoreAdapter } from './coinlore/coinlore.adapter';
import { CoinPaprikaAdapter } from './coinpaprika/coinpaprika.adapter';
import { CryptoCompareAdapter } from './cryptocompare/cryptocompare.adapter';
import { DefiLlamaAdapter } from './defillama/defillama.adapter';
import { EtherscanAdapter } from './etherscan/etherscan.adapter';
import { FrankfurterAdapter } from './frankfurter/frankfurter.adapter';
import { KrakenAdapter } from './kraken/kraken.adapter';
import { OkxAdapter } from './okx/okx.adapter';
import { RssAdapter } from './rss/rss.adapter';
import type { UpstreamId } from './upstream-configs';

/** Typed token for the list of every upstream adapter. */
export const PROVIDER_ADAPTERS = Symbol('PROVIDER_ADAPTERS');

/**
 * Checks at compile time that an adapter class implements each category its `categories` lists
 * (C is inferred from that list).
 */
export function checkedAdapter<C extends ProviderCategory>(
  type: Type<AdapterFor<C>>,
): Type<UpstreamAdapter> {
  return type;
}

/**
 * Each upstream's adapter, by the id of its configuration slice in upstream-configs.ts: the
 * compiler refuses a slice without an adapter here, or an adapter here without a slice.
 */
export const UPSTREAM_ADAPTERS: Record<UpstreamId, Type<UpstreamAdapter>> = {
  coingecko: checkedAdapter(CoinGeckoAdapter),
  binance: checkedAdapter(BinanceAdapter),
  kraken: checkedAdapter(KrakenAdapter),
  coincap: checkedAdapter(CoinCapAdapter),
  cryptocompare: checkedAdapter(CryptoCompareAdapter),
  defillama: checkedAdapter(DefiLlamaAdapter),
  'alternative-me': checkedAdapter(AlternativeMeAdapter),
  rss: checkedAdapter(RssAdapter),
  etherscan: checkedAdapter(EtherscanAdapter),
  frankfurter: checkedAdapter(FrankfurterAdapter),
  coinpaprika: checkedAdapter(CoinPaprikaAdapter),
  coinlore: checkedAdapter(CoinLoreAdapter),
  coinbase: checkedAdapter(CoinbaseAdapter),
  okx: checkedAdapter(OkxAdapter),
};

const ADAPTER_CLASSES = Object.values(UPSTREAM_ADAPTERS);

export const adapterProviders: Provider[] = [
  ...ADAPTER_CLASSES,
  {
    provide: PROVIDER_ADAPTERS,
    inject: ADAPTER_CLASSES,
    useFactory: (...adapters: UpstreamAdapter[]) => adapters,
  },
];
