import { FakeUpstream } from '../fake-upstream/fake-upstream';
import { createTestEnvironment, type RunningApp, startApp, type TestEnvironment } from './test-app';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef0123';

export interface FakeBackedApp {
  fake: FakeUpstream;
  running: RunningApp;
  environment: TestEnvironment;
  /** Closes the app and starts it again on the same database and fake upstream. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The real app with every upstream pointed at a fresh fake upstream, short timeouts and keys set. */
export async function startFakeBackedApp(
  extra: Record<string, string> | ((fake: FakeUpstream) => Record<string, string>) = {},
): Promise<FakeBackedApp> {
  const fake = await new FakeUpstream().start();
  const environment = await createTestEnvironment({
    ...fake.env(),
    COINCAP_API_KEY: 'test-coincap',
    CRYPTOCOMPARE_API_KEY: 'test-cc',
    ETHERSCAN_API_KEY: 'test-etherscan',
    ADMIN_API_KEY: ADMIN_KEY,
    PROVIDER_TIMEOUT_MS: '300',
    PROVIDER_DEADLINE_MS: '5000',
    ...(typeof extra === 'function' ? extra(fake) : extra),
  });
  let running: RunningApp;
  try {
    running = await startApp(environment);
  } catch (error) {
    await fake.stop();
    await environment.dispose();
    throw error;
  }
  const app: FakeBackedApp = {
    fake,
    running,
    environment,
    async restart() {
      await app.running.close();
      app.running = await startApp(environment);
    },
    async stop() {
      try {
        await app.running.close();
      } finally {
        await fake.stop();
        await environment.dispose();
      }
    },
  };
  return app;
}
