import type { Provider } from '@nestjs/common';
import { AlternativeMeAdapter } from './adapters/alternative-me.adapter';
import { BinanceAdapter } from './adapters/binance.adapter';
import { CoinCapAdapter } from './adapters/coincap.adapter';
import { CoinGeckoAdapter } from './adapters/coingecko.adapter';
import { CryptoCompareAdapter } from './adapters/cryptocompare.adapter';
import { DefiLlamaAdapter } from './adapters/defillama.adapter';
import { EtherscanAdapter } from './adapters/etherscan.adapter';
import { KrakenAdapter } from './adapters/kraken.adapter';
import { RssAdapter } from './adapters/rss.adapter';
import type { UpstreamAdapter } from './provider.types';

/** Typed token for the list of every upstream adapter. */
export const PROVIDER_ADAPTERS = Symbol('PROVIDER_ADAPTERS');

const ADAPTER_CLASSES = [
  CoinGeckoAdapter,
  BinanceAdapter,
  KrakenAdapter,
  CoinCapAdapter,
  CryptoCompareAdapter,
  DefiLlamaAdapter,
  AlternativeMeAdapter,
  RssAdapter,
  EtherscanAdapter,
];

export const adapterProviders: Provider[] = [
  ...ADAPTER_CLASSES,
  {
    provide: PROVIDER_ADAPTERS,
    inject: ADAPTER_CLASSES,
    useFactory: (...adapters: UpstreamAdapter[]) => adapters,
  },
];
