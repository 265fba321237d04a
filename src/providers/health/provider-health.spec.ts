import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  healthScore,
  percentile,
  ProviderHealth,
  RECENT_MS,
  statusFor,
  unusableReason,
} from './provider-health';

const at = new Date('2026-11-28T00:00:00Z');

describe('ProviderHealth', () => {
  it('starts fully healthy with no latency known', () => {
    const stats = new ProviderHealth().stats();
    assert.equal(stats.successRate, 1);
    assert.equal(stats.latencyEwmaMs, null);
    assert.equal(healthScore({ stats, breaker: 'closed', coolingDown: false }), 100);
  });

  it('tracks the success rate, EWMA and p95 of successful calls, and the last error', () => {
    const health = new ProviderHealth();
    for (const ms of [100, 200, 300]) {
      health.record({ ok: true, durationMs: ms, at });
    }
    health.record({ ok: false, durationMs: 5000, kind: 'timeout', message: 'timed out', at });
    const stats = health.stats();
    assert.equal(stats.calls, 4);
    assert.equal(stats.failures, 1);
    assert.equal(stats.successRate, 0.75);
    // 100, then 0.2*200+0.8*100=120, then 0.2*300+0.8*120=156
    assert.equal(stats.latencyEwmaMs, 156);
    assert.equal(stats.latencyP95Ms, 300);
    assert.deepEqual(stats.lastError, { kind: 'timeout', message: 'timed out', at });
  });

  it('forgets outcomes older than the last 100', () => {
    const health = new ProviderHealth();
    for (let i = 0; i < 100; i += 1) {
      health.record({ ok: false, durationMs: 1, kind: 'network', at });
    }
    for (let i = 0; i < 100; i += 1) {
      health.record({ ok: true, durationMs: 1, at });
    }
    assert.equal(health.stats().successRate, 1);
    assert.equal(health.stats().failures, 100);
  });
});

describe('healthScore', () => {
  const stats = { ...new ProviderHealth().stats(), successRate: 0.9, latencyEwmaMs: 500 };

  it('is the success rate less a latency penalty', () => {
    assert.equal(healthScore({ stats, breaker: 'closed', coolingDown: false }), 85);
    assert.equal(
      healthScore({
        stats: { ...stats, latencyEwmaMs: 60_000 },
        breaker: 'closed',
        coolingDown: false,
      }),
      60,
    );
  });

  it('drops to 0 with an open breaker and is capped when half-open or cooling down', () => {
    assert.equal(healthScore({ stats, breaker: 'open', coolingDown: false }), 0);
    assert.equal(healthScore({ stats, breaker: 'half_open', coolingDown: false }), 25);
    assert.equal(healthScore({ stats, breaker: 'closed', coolingDown: true }), 10);
  });

  it('maps scores to statuses', () => {
    assert.equal(statusFor(85, true), 'active');
    assert.equal(statusFor(50, true), 'degraded');
    assert.equal(statusFor(10, true), 'down');
    assert.equal(statusFor(100, false), 'disabled');
  });

  it('computes nearest-rank percentiles', () => {
    assert.equal(percentile([], 0.5), null);
    assert.equal(percentile([5, 1, 3, 2, 4], 0.5), 3);
    assert.equal(percentile([5, 1, 3, 2, 4], 0.95), 5);
  });
});

describe('unusableReason: what health counts as usable now', () => {
  const now = at.getTime() + RECENT_MS;
  const record = (health: ProviderHealth, outcomes: boolean[], when = new Date(now - 1000)) =>
    outcomes.forEach((ok) => health.record({ ok, durationMs: 50, at: when }));
  const reasonFor = (health: ProviderHealth, breaker: 'closed' | 'open' = 'closed') => {
    const stats = health.stats();
    const status = statusFor(healthScore({ stats, breaker, coolingDown: false }), true);
    return unusableReason({ breaker, status, recent: health.recent(now) });
  };

  it('a provider that worked for a long time and fails its latest calls is not usable', () => {
    const health = new ProviderHealth();
    record(health, Array<boolean>(90).fill(true));
    record(health, [false, false]);
    assert.equal(health.stats().successRate > 0.9, true, 'the score alone still looks fine');
    assert.deepEqual(health.recent(now), { calls: 92, failures: 2, failingStreak: 2 });
    assert.equal(reasonFor(health), 'its last 2 calls failed');
  });

  it('one failure, or failures older than the window, leave it usable', () => {
    const health = new ProviderHealth();
    const old = new Date(now - RECENT_MS - 1);
    record(health, Array<boolean>(20).fill(true), old);
    record(health, [false, false, false], old);
    record(health, [true, false]);
    assert.deepEqual(health.recent(now), { calls: 2, failures: 1, failingStreak: 1 });
    assert.equal(reasonFor(health), undefined);
  });

  it('half of 4 or more recent calls failing is not usable, even alternating', () => {
    const health = new ProviderHealth();
    record(health, Array<boolean>(20).fill(true), new Date(now - RECENT_MS - 1));
    record(health, [false, true, false, true]);
    assert.equal(reasonFor(health), '2 of 4 calls in the last 5 min failed');
  });

  it('an open breaker is named first', () => {
    const health = new ProviderHealth();
    record(health, [true]);
    assert.equal(reasonFor(health, 'open'), 'circuit breaker open');
  });
});
