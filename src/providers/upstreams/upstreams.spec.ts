import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallContext, GasOracle } from '../provider.types';
import { UPSTREAM_CONFIGS } from './upstream-configs';
import { checkedAdapter, UPSTREAM_ADAPTERS } from './upstreams';

/** Claims prices and gas but implements only gas. */
class PricelessAdapter {
  readonly id = 'priceless';
  readonly categories = ['prices', 'gas'] as const;
  ping(_: { ctx: CallContext }): Promise<void> {
    return Promise.resolve();
  }
  getGasOracle(_: { ctx: CallContext }): Promise<GasOracle> {
    return Promise.reject(new Error('not called'));
  }
}

describe('upstream plug-ins', () => {
  it('the compiler refuses an adapter listing a category it does not implement', () => {
    // build:test (tsc) fails if this line compiles: the check is the compiler's.
    // @ts-expect-error getPrices is missing, so PricelessAdapter cannot serve "prices"
    assert.equal(checkedAdapter(PricelessAdapter), PricelessAdapter);
  });

  it('registers one adapter for each configuration slice, under the same id', () => {
    assert.deepEqual(
      Object.keys(UPSTREAM_ADAPTERS).sort(),
      UPSTREAM_CONFIGS.map((c) => c.id).sort(),
    );
  });
});
