import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { type AppConfig, type KnownCoin, loadConfig } from '../../src/core/config';
import { ProviderError, UpstreamHttpService } from '../../src/core/http';
import { FakeUpstream } from '../fake-upstream/fake-upstream';
import { REPO_ROOT } from './test-app';

export interface UpstreamHarness {
  fake: FakeUpstream;
  /** The configuration pointing every upstream at the fake (set once `before` has run). */
  config: AppConfig;
  /** The real HTTP choke point the adapters under test call through. */
  http: UpstreamHttpService;
}

/**
 * What the adapter tests share: the fake upstream, a configuration pointing at it and the real
 * UpstreamHttpService, started before the suite's tests and stopped after. Call it inside the
 * `describe` it serves; `env` adds variables (API keys, say).
 */
export function useFakeUpstream(env: Record<string, string> = {}): UpstreamHarness {
  const harness = { fake: new FakeUpstream() } as UpstreamHarness;
  before(async () => {
    await harness.fake.start();
    harness.config = loadConfig(
      { ...harness.fake.env(), NODE_ENV: 'test', DATA_DIR: '/tmp/unused', ...env },
      { cwd: REPO_ROOT },
    );
    harness.http = new UpstreamHttpService(harness.config);
  });
  after(async () => {
    harness.http.onApplicationShutdown();
    await harness.fake.stop();
  });
  return harness;
}

/** A call context whose deadline is `ms` away. */
export function callContext(ms = 2_000): { signal: AbortSignal } {
  return { signal: AbortSignal.timeout(ms) };
}

/** The catalogue's coin with this symbol. */
export function catalogueCoin(config: AppConfig, symbol: string): KnownCoin {
  const found = config.catalogue.coins.find((c) => c.symbol === symbol);
  assert.ok(found, `${symbol} is not in the catalogue`);
  return found;
}

/** The ProviderError the call failed with; the test fails if it succeeded or failed otherwise. */
export async function providerErrorOf(pending: Promise<unknown>): Promise<ProviderError> {
  const error = await pending.then(
    () => assert.fail('expected a ProviderError, the call succeeded'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ProviderError, `not a ProviderError: ${String(error)}`);
  return error;
}
