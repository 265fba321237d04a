import type { RuntimeEnvironment } from './app-config';

/**
 * Fall-backs for NODE_ENV=development or test only; anywhere else (production, or NODE_ENV unset,
 * which is how a forgotten variable looks) they are refused, as are the `.env.example` values.
 */
const DEV_SECRETS = {
  JWT_SECRET_KEY: 'dev-only-jwt-secret-not-for-production',
  API_KEY_SALT: 'dev-only-api-key-salt-not-for-production',
} as const;
const KNOWN_DEFAULT_SECRETS = new Set<string>([
  ...Object.values(DEV_SECRETS),
  'change-me',
  'changeme',
  'secret',
  // The seed project's own example values, copied into many deployments.
  'your-secret-key-change-in-production',
  'your-secret-key',
  'your-jwt-secret',
  'your-jwt-secret-key',
  'your-api-key-salt',
  'change-this-in-production',
  'change-me-in-production',
]);
/** Below this many bits (Shannon entropy of the characters × length) a secret is guessable. */
const MIN_SECRET_BITS = 100;
/** Placeholders an ADMIN_API_KEY has been seen set to, besides the secrets above. */
const KNOWN_DEFAULT_ADMIN_KEYS = new Set<string>([
  ...KNOWN_DEFAULT_SECRETS,
  'admin',
  'admin-key',
  'admin_api_key',
  'your-admin-key',
  'your-admin-api-key',
  'password',
]);
const GENERATE_SECRET = `node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"`;
const MIN_SECRET_LENGTH = 32;

const OUTSIDE_DEVELOPMENT = 'unless NODE_ENV=development or test';

/** Development conveniences (built-in secrets) only where asked for; staging is production. */
export function relaxed(environment: RuntimeEnvironment): boolean {
  return environment === 'development' || environment === 'test';
}

export function secret(
  name: keyof typeof DEV_SECRETS,
  value: string | undefined,
  environment: RuntimeEnvironment,
  problems: string[],
): string {
  if (relaxed(environment)) {
    return value ?? DEV_SECRETS[name];
  }
  if (value === undefined) {
    problems.push(`${name}: required ${OUTSIDE_DEVELOPMENT} (a random string of 32+ characters)`);
  } else {
    weakSecret(name, value, KNOWN_DEFAULT_SECRETS, problems);
  }
  return value ?? '';
}

/**
 * Optional, but an admin credential: outside development it is held to the same length as the
 * secrets and may not be a placeholder, which anyone could guess.
 */
export function adminApiKey(
  value: string | undefined,
  environment: RuntimeEnvironment,
  problems: string[],
): string | undefined {
  if (value !== undefined && !relaxed(environment)) {
    weakSecret('ADMIN_API_KEY', value, KNOWN_DEFAULT_ADMIN_KEYS, problems);
  }
  return value;
}

function weakSecret(
  name: string,
  value: string,
  placeholders: ReadonlySet<string>,
  problems: string[],
): void {
  const generate = `(generate one with: ${GENERATE_SECRET})`;
  if (placeholders.has(value.toLowerCase())) {
    problems.push(
      `${name}: a default or example value cannot be used ${OUTSIDE_DEVELOPMENT} ${generate}`,
    );
  } else if (value.length < MIN_SECRET_LENGTH) {
    problems.push(
      `${name}: expected at least ${MIN_SECRET_LENGTH} characters ${OUTSIDE_DEVELOPMENT}, got ${value.length} ${generate}`,
    );
  } else if (entropyBits(value) < MIN_SECRET_BITS) {
    problems.push(
      `${name}: too predictable (its characters carry about ${Math.round(entropyBits(value))} bits, expected ${MIN_SECRET_BITS}+) ${OUTSIDE_DEVELOPMENT} ${generate}`,
    );
  }
}

/**
 * An estimate of a secret's strength from its own characters: Shannon entropy per character times
 * the length. Repeated or few distinct characters ("aaaa…", "abcabc…") score low; 32 random
 * hex characters score about 115, 32 random base64url characters about 145.
 */
function entropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let perChar = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * value.length;
}
