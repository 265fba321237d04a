import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every key starts with this, so a leaked one is recognisable (and secret scanners can match it). */
export const API_KEY_PREFIX = 'cdt_';
const PREFIX_SHOWN = 12;

/** A new key: 32 random bytes, base64url, behind the recognisable prefix. */
export function newApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(API_KEY_PREFIX) && credential.length > API_KEY_PREFIX.length + 20;
}

/** The stored form: a keyed hash, useless without API_KEY_SALT. */
export function hashApiKey(key: string, salt: string): string {
  return createHmac('sha256', salt).update(key).digest('hex');
}

/** What lists show of a key. */
export function displayPrefix(key: string): string {
  return key.slice(0, PREFIX_SHOWN);
}

/** Constant-time comparison of two hex hashes of equal length. */
export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHmac('sha256', 'compare').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
