import 'reflect-metadata';
import { createApp } from './app.setup';
import { ConfigError, loadConfig, loadEnvFile } from './core/config';
import { releaseStartUpGarbage } from './core/runtime/start-up-garbage';

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadConfig(process.env);
  const app = await createApp(config);
  releaseStartUpGarbage();
  await app.listen(config.server.port, config.server.host);
}

main().catch((error: unknown) => {
  // Configuration problems are the operator's to fix: say what is wrong, without a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
