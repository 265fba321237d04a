import { z } from 'zod';

/** What an upstream's settings are built with besides its own variables. */
export interface UpstreamConfigContext {
  /** CONFIG_DIR, resolved: where JSON defaults such as feeds.json live. */
  configDir: string;
  /** Problems spanning several variables, reported with every other configuration problem. */
  problems: string[];
}

/**
 * An upstream plug-in's configuration slice: the environment variables it reads (each a parser
 * with its default, described with `.describe()` for the docs) and how they become its typed
 * settings, which `AppConfig.upstreams[id]` then carries.
 */
export interface UpstreamConfigSpec<Id extends string, V extends z.ZodRawShape, S> {
  readonly id: Id;
  readonly variables: V;
  settings(env: z.output<z.ZodObject<V>>, context: UpstreamConfigContext): S;
  /** Where it sends requests, as GET /api/providers shows it. */
  baseUrl(settings: S): string;
}

export interface UpstreamConfig<
  Id extends string,
  V extends z.ZodRawShape,
  S,
> extends UpstreamConfigSpec<Id, V, S> {
  /**
   * Builds the settings from the raw environment, already validated by the one schema core
   * config builds from every slice's variables.
   */
  load(
    raw: Record<string, string>,
    context: UpstreamConfigContext,
  ): { settings: S; baseUrl: string };
}

export function defineUpstreamConfig<const Id extends string, V extends z.ZodRawShape, S>(
  spec: UpstreamConfigSpec<Id, V, S>,
): UpstreamConfig<Id, V, S> {
  const schema = z.object(spec.variables);
  return {
    ...spec,
    load(raw, context) {
      const settings = spec.settings(schema.parse(raw), context);
      return { settings, baseUrl: spec.baseUrl(settings) };
    },
  };
}
