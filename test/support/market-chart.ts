/** CoinGecko's `market_chart/range` body as the fake sent it. */
export interface RangeBody {
  prices: [number, number][];
  market_caps: [number, number][];
  total_volumes: [number, number][];
}

export interface SentPoint {
  timestamp: string;
  price: number;
  volume_24h: number;
  market_cap: number;
}

/**
 * Each sent point as the history endpoint serves it at a bucket of `bucketMs` holding only that
 * point (CoinGecko's points sit a little past the boundary), keyed by the bucket's ISO start.
 */
export function pointsByHour(body: RangeBody, bucketMs = 3_600_000): Map<string, SentPoint> {
  const caps = new Map(body.market_caps);
  const volumes = new Map(body.total_volumes);
  return new Map(
    body.prices.map(([ms, price]) => {
      const timestamp = new Date(ms - (ms % bucketMs)).toISOString();
      const point = {
        timestamp,
        price,
        volume_24h: volumes.get(ms) ?? Number.NaN,
        market_cap: caps.get(ms) ?? Number.NaN,
      };
      return [timestamp, point];
    }),
  );
}
