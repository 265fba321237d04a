import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { Logger } from '@nestjs/common';
import type { RealtimePublisher } from '../../core/realtime/realtime.publisher';
import type { ProviderDirectory } from '../provider.directory';
import type { ProviderStore } from '../provider.store';
import { ProviderHealthFlusher } from './provider-health.flusher';

describe('ProviderHealthFlusher', () => {
  afterEach(() => {
    mock.timers.reset();
    mock.restoreAll();
  });

  it('logs a failed timed write instead of leaving an unhandled rejection', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    const warn = mock.method(Logger.prototype, 'warn', () => undefined);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const flusher = new ProviderHealthFlusher(
      { all: () => [] } as unknown as ProviderDirectory,
      {
        saveHealth: () => Promise.reject(new Error('SQLITE_BUSY: database is locked')),
      } as unknown as ProviderStore,
      { publish: () => undefined, snapshotFrom: () => undefined } as unknown as RealtimePublisher,
    );
    try {
      flusher.onModuleInit();
      mock.timers.tick(30_000);
      // Unhandled rejections are reported once the microtasks run out, before the next turn.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
      assert.deepEqual(
        warn.mock.calls.map((call) => call.arguments[0] as unknown),
        ['could not store provider health: SQLITE_BUSY: database is locked'],
      );
    } finally {
      process.off('unhandledRejection', onUnhandled);
      mock.timers.reset();
    }
  });
});
