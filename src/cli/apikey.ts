import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { parseArgs } from 'node:util';
import { ApiKey } from '../auth/entities/api-key.entity';
import { ApiKeyService } from '../auth/keys/api-key.service';
import { ApiKeyStore } from '../auth/keys/api-key.store';
import {
  type AppConfig,
  AppConfigModule,
  ConfigError,
  loadConfig,
  loadEnvFile,
  TIER_NAMES,
  type TierName,
} from '../core/config';
import { ClusterBus } from '../core/cluster/cluster-bus';
import { DatabaseModule } from '../core/database';
import { RedisConnection } from '../core/redis/redis.connection';

const USAGE = `Usage:
  npm run apikey -- create --tier <${TIER_NAMES.join('|')}> --name <name>
  npm run apikey -- list
  npm run apikey -- revoke <id>`;

/**
 * Just enough of the application to manage keys in the configured database; with REDIS_URL a
 * revocation or tier change is announced to the running replicas as the API's would be.
 */
@Module({})
class ApiKeyCliModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ApiKeyCliModule,
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule,
        TypeOrmModule.forFeature([ApiKey]),
      ],
      providers: [ApiKeyStore, ApiKeyService, RedisConnection, ClusterBus],
    };
  }
}

async function run(keys: ApiKeyService, argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { tier: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, id] = positionals;
  if (command === 'create') {
    const tier = values.tier as TierName | undefined;
    if (!tier || !TIER_NAMES.includes(tier) || !values.name) {
      throw new Error(USAGE);
    }
    const { key, record } = await keys.create({ tier, name: values.name });
    return `Created key ${record.id} (${record.tier}, "${record.name}"). Store it now, it is not shown again:\n${key}`;
  }
  if (command === 'list') {
    const rows = await keys.list();
    return rows
      .map(
        (k) =>
          `${k.id}\t${k.prefix}…\t${k.tier}\t${k.name}\t${k.revokedAt ? 'revoked' : 'active'}\tlast used ${k.lastUsedAt?.toISOString() ?? 'never'}`,
      )
      .join('\n');
  }
  if (command === 'revoke' && id && /^\d+$/.test(id)) {
    const record = await keys.revoke(Number(id));
    return `Revoked key ${record.id} ("${record.name}")`;
  }
  throw new Error(USAGE);
}

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadConfig(process.env);
  const app = await NestFactory.createApplicationContext(ApiKeyCliModule.register(config), {
    logger: ['error'],
  });
  try {
    process.stdout.write(`${await run(app.get(ApiKeyService), process.argv.slice(2))}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
