import type { FakeUpstream } from '../fake-upstream/fake-upstream';

/** A CoinPaprika ticker as the fake serves it (the fields the tests compare). */
export interface PaprikaTicker {
  id: string;
  rank: number;
  last_updated: string;
  quotes: {
    USD: {
      price: number;
      volume_24h: number | '';
      market_cap: number;
      percent_change_24h: number;
    };
  };
}

/** The fake's coins as CoinGecko's listing names them (ids); XRP, BNB and the rest do not map. */
export const PAPRIKA_TO_COINGECKO: Record<string, string> = {
  'btc-bitcoin': 'bitcoin',
  'eth-ethereum': 'ethereum',
  'usdt-tether': 'tether',
  'sol-solana': 'solana',
  'doge-dogecoin': 'dogecoin',
  'ada-cardano': 'cardano',
  'link-chainlink': 'chainlink',
  'ltc-litecoin': 'litecoin',
  'dot-polkadot': 'polkadot',
  'wbtc-wrapped-bitcoin': 'wrapped-bitcoin',
  'btc-batcat': 'batcat',
};

/** The tickers CoinPaprika last served that map to the fake's CoinGecko listing, by rank. */
export function mappedPaprikaTickers(fake: FakeUpstream): PaprikaTicker[] {
  return fake
    .lastServed<PaprikaTicker[]>('coinpaprika:/v1/tickers')
    .filter((r) => r.rank > 0 && PAPRIKA_TO_COINGECKO[r.id])
    .sort((a, b) => a.rank - b.rank);
}
