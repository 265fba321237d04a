/**
 * The discovery job's cron for AUTO_DISCOVERY_INTERVAL_HOURS, which config limits to hours that
 * divide a day: a step like `*\/23` restarts at midnight (23:30 then 00:30), so any other
 * interval could not be kept by cron. Runs at half past, off the hourly jobs' minute.
 */
export function discoveryCron(hours: number): string {
  return hours === 24 ? '30 4 * * *' : `30 */${hours} * * *`;
}
