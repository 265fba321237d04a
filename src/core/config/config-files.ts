import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * Reads and validates one JSON file of CONFIG_DIR; what is wrong goes to `problems`, named by
 * file and path, so that every bad file is reported with every bad variable at once.
 */
export function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  problems: string[],
): z.output<S> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`CONFIG_DIR: cannot read ${file} (${(error as Error).message})`);
    return undefined;
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    problems.push(`CONFIG_DIR: ${file} at ${issue.path.join('.')}: ${issue.message}`);
    return undefined;
  }
  return result.data;
}
