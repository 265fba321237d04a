import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.setup';
import { type AppConfig, loadConfig } from '../../src/core/config';
import { OpenApiContract } from './openapi-contract';
import { createPostgresDatabase, TEST_DATABASE_URL, type TestDatabase } from './postgres';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface TestEnvironment {
  /** Environment shared by every app started in this environment (same data dir, same database). */
  env: Record<string, string>;
  dataDir: string;
  dispose(): Promise<void>;
}

/**
 * A temporary data folder and, when TEST_DATABASE_URL is set, a fresh PostgreSQL database.
 * Apps started from the same environment share both, which is how restarts are tested.
 */
export async function createTestEnvironment(
  extra: Record<string, string> = {},
): Promise<TestEnvironment> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cdt-test-'));
  const postgres: TestDatabase | undefined = TEST_DATABASE_URL
    ? await createPostgresDatabase(TEST_DATABASE_URL)
    : undefined;
  return {
    dataDir,
    env: {
      DATA_DIR: dataDir,
      CONFIG_DIR: join(REPO_ROOT, 'config'),
      // The built-in development secrets are only used when asked for.
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      // Collectors are started explicitly by the tests that exercise them.
      ENABLE_BACKGROUND_TASKS: 'false',
      // Each app would start an inference worker; the sentiment tests switch it on.
      ENABLE_SENTIMENT_ANALYSIS: 'false',
      // Anonymous test clients make many requests; the auth tests set their own limits.
      FREE_TIER_LIMIT: '1000000/minute,10000000/day',
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      ...extra,
    },
    async dispose() {
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RunningApp {
  app: NestExpressApplication;
  config: AppConfig;
  url: string;
  close(): Promise<void>;
}

/**
 * Boots the real application (real migrations, real HTTP stack) on a free port. Every JSON answer
 * it sends is checked against its OpenAPI document; closing the app fails on any drift.
 */
export async function startApp(
  environment: TestEnvironment,
  overrides: Record<string, string> = {},
): Promise<RunningApp> {
  const config = loadConfig({ ...environment.env, ...overrides }, { cwd: REPO_ROOT });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const contract = await OpenApiContract.load(app, url).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  contract.observe(app.getHttpServer());
  return {
    app,
    config,
    url,
    async close() {
      await app.close();
      contract.assertClean();
    },
  };
}
