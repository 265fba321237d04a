import 'reflect-metadata';
import { pipeline } from '@huggingface/transformers';
import { ConfigError, loadConfig, loadEnvFile } from '../core/config';
import { configuredModels, type ModelSpec } from '../sentiment/engine/model-catalogue';
import { configureRuntime } from '../sentiment/engine/runtime-settings';

/**
 * npm run models:fetch [-- --best-effort]: downloads the configured hub models (SENTIMENT_MODEL,
 * FINANCIAL_SENTIMENT_MODEL, ZERO_SHOT_MODEL) into MODELS_DIR, where the service finds them
 * without the network. Bundled models need nothing. --best-effort exits 0 even when a download
 * fails (the image build on a host without the hub): the service then falls back and says so.
 */
async function main(): Promise<number> {
  loadEnvFile();
  const config = loadConfig(process.env);
  const bestEffort = process.argv.includes('--best-effort');
  configureRuntime({
    modelsDir: config.paths.modelsDir,
    allowRemote: true,
    remoteHost: config.models.remoteHost,
  });
  const hub = configuredModels(config).filter((spec) => spec.source === 'hub');
  if (hub.length === 0) {
    process.stdout.write('No hub models configured: the bundled models need no download.\n');
    return 0;
  }
  let failures = 0;
  for (const spec of hub) {
    failures += (await fetchModel(spec, config.paths.modelsDir)) ? 0 : 1;
  }
  return failures > 0 && !bestEffort ? 1 : 0;
}

async function fetchModel(spec: ModelSpec, modelsDir: string): Promise<boolean> {
  const started = Date.now();
  try {
    const loaded = await pipeline(spec.task, spec.location, { dtype: spec.dtype as 'q8' });
    await loaded.dispose();
    process.stdout.write(
      `${spec.name} (${spec.role}, ${spec.dtype}): in ${modelsDir} (${Date.now() - started} ms)\n`,
    );
    return true;
  } catch (error) {
    process.stderr.write(`${spec.name} (${spec.role}): failed: ${(error as Error).message}\n`);
    return false;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
