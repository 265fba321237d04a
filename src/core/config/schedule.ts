import { join } from 'node:path';
import { CronTime } from 'cron';
import { z } from 'zod';
import type { AppConfig } from './app-config';
import { readJsonFile } from './config-files';
import type { Env } from './env.schema';

/** Each collector job: its key in config/schedule.json, its env override and its default cron. */
const JOB_CRONS = [
  ['prices', 'SCHEDULE_PRICES', '*/5 * * * *'],
  ['candles', 'SCHEDULE_CANDLES', '0 * * * *'],
  ['trending', 'SCHEDULE_TRENDING', '*/30 * * * *'],
  ['coins', 'SCHEDULE_COINS', '20 0 * * *'],
  ['currencies', 'SCHEDULE_CURRENCIES', '10 16 * * *'],
  ['defi', 'SCHEDULE_DEFI', '10 * * * *'],
  ['news', 'SCHEDULE_NEWS', '*/30 * * * *'],
  ['fearGreed', 'SCHEDULE_FEAR_GREED', '5 * * * *'],
  ['cleanup', 'SCHEDULE_CLEANUP', '0 3 * * *'],
  ['backup', 'SCHEDULE_BACKUP', '0 2 * * *'],
  ['sentiment', 'SCHEDULE_SENTIMENT', '15 * * * *'],
  ['sentimentRescore', 'SCHEDULE_SENTIMENT_RESCORE', '45 * * * *'],
  ['health', 'SCHEDULE_HEALTH', '*/5 * * * *'],
  ['statsBroadcast', 'SCHEDULE_STATS_BROADCAST', '*/5 * * * *'],
] as const satisfies readonly (readonly [keyof AppConfig['schedule'], keyof Env, string])[];

const scheduleFileSchema = z.partialRecord(z.enum(JOB_CRONS.map(([key]) => key)), z.string());

export function buildSchedule(
  env: Env,
  configDir: string,
  problems: string[],
): AppConfig['schedule'] {
  const file = readJsonFile(join(configDir, 'schedule.json'), scheduleFileSchema, problems);
  const entries = JOB_CRONS.map(([key, variable, fallback]) => {
    const expression = env[variable] ?? file?.[key] ?? fallback;
    try {
      new CronTime(expression);
    } catch {
      problems.push(`${variable}: expected a cron expression, got "${expression}"`);
    }
    return [key, expression] as const;
  });
  return Object.fromEntries(entries) as AppConfig['schedule'];
}
