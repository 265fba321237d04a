import { z } from 'zod';
import {
  UPSTREAM_CONFIGS,
  type UpstreamSettings,
} from '../../providers/upstreams/upstream-configs';
import { envSchema } from './env.schema';
import type { UpstreamConfigContext } from './upstream-config';

function upstreamShape(): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const upstream of UPSTREAM_CONFIGS) {
    for (const [name, schema] of Object.entries<z.ZodType>(upstream.variables)) {
      if (name in shape || name in envSchema.shape) {
        throw new Error(`${upstream.id} declares ${name}, which another part of the config reads`);
      }
      shape[name] = schema;
    }
  }
  return shape;
}

const upstreamSchema = z.object(upstreamShape());
/**
 * The one schema of the whole configuration contract: core variables and every upstream
 * plug-in's declared ones, so that all bad values are reported at once.
 */
export const configSchema = envSchema.and(upstreamSchema);

/** Every variable the service reads, core and plug-ins alike (the docs list each one). */
export const DECLARED_VARIABLES: readonly string[] = [
  ...Object.keys(envSchema.shape),
  ...Object.keys(upstreamSchema.shape),
];

/** Each plug-in's settings from its own variables, and where it sends requests. */
export function loadUpstreams(
  raw: Record<string, string>,
  context: UpstreamConfigContext,
): { settings: UpstreamSettings; baseUrls: Record<string, string> } {
  const loaded = UPSTREAM_CONFIGS.map(
    (upstream) => [upstream.id, upstream.load(raw, context)] as const,
  );
  return {
    // One entry per id of UPSTREAM_CONFIGS, each built by that id's own slice.
    settings: Object.fromEntries(loaded.map(([id, l]) => [id, l.settings])) as UpstreamSettings,
    baseUrls: Object.fromEntries(loaded.map(([id, l]) => [id, l.baseUrl])),
  };
}
