/**
 * Kraken's names for the coins it quotes in USD, by CoinGecko id (the service's coin identity, so a
 * smaller coin sharing a ticker never gets a larger coin's pair): the pair to ask for and the key
 * Kraken answers under. Coins not listed are not asked for.
 */
export const KRAKEN_PAIRS: Readonly<Partial<Record<string, { pair: string; key: string }>>> = {
  bitcoin: { pair: 'XBTUSD', key: 'XXBTZUSD' },
  ethereum: { pair: 'ETHUSD', key: 'XETHZUSD' },
  tether: { pair: 'USDTUSD', key: 'USDTZUSD' },
  ripple: { pair: 'XRPUSD', key: 'XXRPZUSD' },
  solana: { pair: 'SOLUSD', key: 'SOLUSD' },
  'usd-coin': { pair: 'USDCUSD', key: 'USDCUSD' },
  dogecoin: { pair: 'XDGUSD', key: 'XDGUSD' },
  tron: { pair: 'TRXUSD', key: 'TRXUSD' },
  cardano: { pair: 'ADAUSD', key: 'ADAUSD' },
  chainlink: { pair: 'LINKUSD', key: 'LINKUSD' },
  'avalanche-2': { pair: 'AVAXUSD', key: 'AVAXUSD' },
  stellar: { pair: 'XLMUSD', key: 'XXLMZUSD' },
  sui: { pair: 'SUIUSD', key: 'SUIUSD' },
  'bitcoin-cash': { pair: 'BCHUSD', key: 'BCHUSD' },
  litecoin: { pair: 'LTCUSD', key: 'XLTCZUSD' },
  polkadot: { pair: 'DOTUSD', key: 'DOTUSD' },
  'shiba-inu': { pair: 'SHIBUSD', key: 'SHIBUSD' },
  uniswap: { pair: 'UNIUSD', key: 'UNIUSD' },
  pepe: { pair: 'PEPEUSD', key: 'PEPEUSD' },
  near: { pair: 'NEARUSD', key: 'NEARUSD' },
  aptos: { pair: 'APTUSD', key: 'APTUSD' },
  cosmos: { pair: 'ATOMUSD', key: 'ATOMUSD' },
  arbitrum: { pair: 'ARBUSD', key: 'ARBUSD' },
  optimism: { pair: 'OPUSD', key: 'OPUSD' },
  filecoin: { pair: 'FILUSD', key: 'FILUSD' },
  'polygon-ecosystem-token': { pair: 'POLUSD', key: 'POLUSD' },
  aave: { pair: 'AAVEUSD', key: 'AAVEUSD' },
};

/** Kraken's own asset codes for assets the rest of the world names otherwise. */
const KRAKEN_ASSETS: Readonly<Record<string, string>> = { XBT: 'BTC', XDG: 'DOGE' };
/** Four-letter legacy codes: an X (crypto) or Z (fiat) before a three-letter code (XXBT, ZEUR). */
const LEGACY_CODE = /^[XZ]([A-Z]{3})$/;

/**
 * A Kraken asset as other exchanges name it: `XXBT`/`XBT` → BTC, `ZEUR` → EUR, `XXDG` → DOGE.
 * Only the legacy four-letter codes lose their prefix (`XTZ` and `ZEC` stay as they are).
 */
export function krakenAsset(code: string, legacy: boolean): string {
  const plain = legacy ? (LEGACY_CODE.exec(code)?.[1] ?? code) : code;
  return KRAKEN_ASSETS[plain] ?? plain;
}
