import { statfs } from 'node:fs/promises';
import { freemem, totalmem } from 'node:os';

/** Free and total bytes of the filesystem holding a path. */
export async function diskSpace(path: string): Promise<{ freeBytes: number; totalBytes: number }> {
  const stats = await statfs(path);
  return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
}

/** Share of system memory in use, 0..100. */
export function memoryPercent(): number {
  return ((totalmem() - freemem()) / totalmem()) * 100;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** CPU used by this process since the previous call, in percent of one core. */
export class CpuMeter {
  private last = { usage: process.cpuUsage(), at: performance.now() };

  percent(): number {
    const usage = process.cpuUsage(this.last.usage);
    const elapsedMs = performance.now() - this.last.at;
    this.last = { usage: process.cpuUsage(), at: performance.now() };
    return elapsedMs > 0 ? round1(((usage.user + usage.system) / 1000 / elapsedMs) * 100) : 0;
  }
}

export { round1 };
