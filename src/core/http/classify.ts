import { AxiosError } from 'axios';
import { ProviderError, type ProviderErrorKind } from './provider-error';

const DEFAULT_RETRY_AFTER_MS = 60_000;

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim()) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body)/i.test(text);
}

/** Classifies a non-success HTTP status into a ProviderError. */
export function errorForStatus(params: {
  provider: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  text: string;
}): ProviderError {
  const { provider, path, status, headers, text } = params;
  const firewall = /error code: 10\d\d/.test(text) || looksLikeHtml(text);
  const kind: ProviderErrorKind =
    status === 429 || status === 418
      ? 'rate_limited'
      : status === 451 || (status === 403 && firewall)
        ? 'geo_blocked'
        : status === 401 || status === 403
          ? 'auth'
          : status === 404
            ? 'not_found'
            : status === 408
              ? 'timeout'
              : status >= 500
                ? 'upstream_5xx'
                : 'bad_request';
  const retryAfterMs =
    kind === 'rate_limited'
      ? (parseRetryAfter(headers['retry-after']) ?? DEFAULT_RETRY_AFTER_MS)
      : undefined;
  const detail =
    retryAfterMs !== undefined ? ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)` : '';
  return new ProviderError({
    provider,
    kind,
    status,
    retryAfterMs,
    message: `${path}: HTTP ${status} ${kind.replace('_', ' ')}${detail}`,
  });
}

/** Classifies a transport failure (no HTTP answer) into a ProviderError. */
export function errorForTransport(provider: string, path: string, error: unknown): ProviderError {
  const code = error instanceof AxiosError ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_CANCELED' || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new ProviderError({ provider, kind: 'timeout', message: `${path}: timed out` });
  }
  if (/maxContentLength/i.test(message)) {
    return new ProviderError({ provider, kind: 'bad_payload', message: `${path}: body too large` });
  }
  return new ProviderError({
    provider,
    kind: 'network',
    message: `${path}: ${code ?? 'network error'}`,
  });
}
