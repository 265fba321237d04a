import { DECLARED_VARIABLES } from './upstream-env';

/**
 * Variables the service knows but does not read: set by the seed's Space template (HF_SPACE) or
 * read by libraries and platforms beside it. Naming them here keeps them out of the warning.
 */
const KNOWN_UNUSED = new Set([
  'HF_SPACE',
  'HF_TOKEN',
  'HF_HOME',
  'NODE_OPTIONS',
  'NODE_VERSION',
  'NODE_EXTRA_CA_CERTS',
  'NODE_PATH',
  'NODE_DEBUG',
  'NODE_NO_WARNINGS',
  'NODE_TLS_REJECT_UNAUTHORIZED',
]);

const KNOWN = DECLARED_VARIABLES;
/** Prefixes of the contract's names (COINGECKO_, CACHE_, SCHEDULE_…); NODE_ belongs to Node.js. */
const PREFIXES = new Set(
  KNOWN.filter((name) => name.includes('_') && !name.startsWith('NODE_')).map(
    (name) => `${name.split('_')[0]}_`,
  ),
);
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * One start-up warning naming the variables that look meant for this service but are not part of
 * its contract: a known prefix with an unknown name (CACHE_TTL_PRICE), or a name one or two
 * letters away from a known one (LOG_LEVLE). Such settings would otherwise be ignored silently.
 */
export function unknownVariablesWarning(
  env: Record<string, string | undefined>,
): string | undefined {
  const known = new Set(KNOWN);
  const findings = Object.keys(env)
    .filter((name) => ENV_NAME.test(name) && !known.has(name) && !KNOWN_UNUSED.has(name))
    .flatMap((name) => {
      const near = KNOWN.find((candidate) => distance(name, candidate) <= allowedTypos(candidate));
      if (near) {
        return [`${name} (did you mean ${near}?)`];
      }
      return PREFIXES.has(`${name.split('_')[0]}_`) ? [name] : [];
    });
  if (findings.length === 0) {
    return undefined;
  }
  return `Unknown configuration variables, ignored: ${findings.sort().join(', ')}. The README lists every variable.`;
}

/** Short names would match too much at two edits (HOME is two from HOST). */
function allowedTypos(name: string): number {
  return name.length <= 6 ? 1 : 2;
}

/** Levenshtein distance with one row of memory. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
