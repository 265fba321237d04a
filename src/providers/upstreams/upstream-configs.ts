import { alternativeMeConfig } from './alternative-me/alternative-me.config';
import { binanceConfig } from './binance/binance.config';
import { coinbaseConfig } from './coinbase/coinbase.config';
import { coincapConfig } from './coincap/coincap.config';
import { coinloreConfig } from './coinlore/coinlore.config';
import { coinpaprikaConfig } from './coinpaprika/coinpaprika.config';
import { coingeckoConfig } from './coingecko/coingecko.config';
import { cryptocompareConfig } from './cryptocompare/cryptocompare.config';
import { defillamaConfig } from './defillama/defillama.config';
import { etherscanConfig } from './etherscan/etherscan.config';
import { frankfurterConfig } from './frankfurter/frankfurter.config';
import { krakenConfig } from './kraken/kraken.config';
import { okxConfig } from './okx/okx.config';
import { rssConfig } from './rss/rss.config';

/**
 * Every upstream's configuration slice, by id. Core config validates their variables with one
 * schema and exposes each one's settings as `AppConfig.upstreams[id]`; `upstreams.ts` must give
 * each id its adapter (the compiler checks it). Kept apart from the adapters so that config
 * loading does not depend on them.
 */
export const UPSTREAM_CONFIGS = [
  coingeckoConfig,
  binanceConfig,
  krakenConfig,
  coincapConfig,
  cryptocompareConfig,
  defillamaConfig,
  alternativeMeConfig,
  rssConfig,
  etherscanConfig,
  frankfurterConfig,
  coinpaprikaConfig,
  coinloreConfig,
  coinbaseConfig,
  okxConfig,
] as const;

type Configs = (typeof UPSTREAM_CONFIGS)[number];
export type UpstreamId = Configs['id'];

/** Each upstream's typed settings, keyed by its id. */
export type UpstreamSettings = {
  readonly [C in Configs as C['id']]: ReturnType<C['settings']>;
};
