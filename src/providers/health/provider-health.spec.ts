import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { healthScore, percentile, ProviderHealth, statusFor } from './provider-health';

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
