import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { ProviderDirectory } from '../providers/provider.directory';
import { type CandleInterval, servesCategory } from '../providers/provider.types';

/** What a candle request needs of a source. */
export interface SourceNeeds {
  interval: CandleInterval;
  /** A since/from/to range or a listed pair: only exchanges paging by time serve those. */
  ranged: boolean;
  /** A listed pair: provider id → that exchange's id for it. */
  pairIds?: Readonly<Record<string, string>>;
  /** The one source asked for, if any. */
  source?: string;
}

interface Offer {
  id: string;
  intervals: readonly CandleInterval[];
  ranges: boolean;
}

/**
 * Which OHLCV sources can serve a request, so that the failover never tries one that cannot and a
 * source asked by name that cannot is a 400 saying what it offers.
 */
@Injectable()
export class OhlcvSources {
  constructor(private readonly directory: ProviderDirectory) {}

  /** Provider ids able to serve the request, in no particular order (the pool orders them). */
  eligible(needs: SourceNeeds): string[] {
    const offers = this.offers();
    if (needs.source !== undefined) {
      return [this.chosen(offers, needs, needs.source)];
    }
    const able = offers.filter((o) => this.gap(o, needs) === undefined);
    if (able.length === 0) {
      const described = offers
        .filter((o) => !needs.ranged || o.ranges)
        .filter((o) => !needs.pairIds || needs.pairIds[o.id])
        .map((o) => `${o.id}: ${o.intervals.join(', ')}`)
        .join('; ');
      throw new BadRequestException(
        `no source offers ${needs.interval} candles for this request; intervals by source: ${described || 'none'}`,
      );
    }
    return able.map((o) => o.id);
  }

  private chosen(offers: Offer[], needs: SourceNeeds, source: string): string {
    const offer = offers.find((o) => o.id === source);
    if (!offer) {
      throw new BadRequestException(`source must be one of ${offers.map((o) => o.id).join(', ')}`);
    }
    const gap = this.gap(offer, needs);
    if (gap === 'pair') {
      throw new NotFoundException(`the pair is not listed at ${offer.id}`);
    }
    if (gap) {
      throw new BadRequestException(gap);
    }
    return offer.id;
  }

  /** Why an offer cannot serve the request; undefined when it can. */
  private gap(offer: Offer, needs: SourceNeeds): string | undefined {
    if (!offer.intervals.includes(needs.interval)) {
      return `interval ${needs.interval} is not offered by ${offer.id}; it offers ${offer.intervals.join(', ')}`;
    }
    if (needs.ranged && !offer.ranges) {
      return `${offer.id} serves only the latest candles of USD pairs (no since, from/to or other quotes)`;
    }
    if (needs.pairIds && !needs.pairIds[offer.id]) {
      return 'pair';
    }
    return undefined;
  }

  private offers(): Offer[] {
    return this.directory.forCategory('ohlcv').flatMap((runtime) =>
      servesCategory(runtime.adapter, 'ohlcv')
        ? [
            {
              id: runtime.id,
              intervals: runtime.adapter.candleIntervals,
              ranges: runtime.adapter.candleRanges,
            },
          ]
        : [],
    );
  }
}
