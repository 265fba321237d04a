import type { DiscoveryCandidate } from '../core/config';

/** Why a probe's body is not the JSON the catalogue promised, or undefined when it is. */
export function shapeProblem(
  body: string,
  expect: DiscoveryCandidate['expect'],
): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'the answer is not JSON';
  }
  const kind = Array.isArray(json) ? 'array' : json === null ? 'null' : typeof json;
  if (kind !== expect.type) {
    return `expected a JSON ${expect.type}, got ${kind}`;
  }
  const missing = (expect.keys ?? []).filter((key) => !(key in (json as object)));
  return missing.length > 0 ? `missing keys: ${missing.join(', ')}` : undefined;
}
