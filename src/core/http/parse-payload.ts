import type { z } from 'zod';
import { looksLikeHtml } from './classify';
import { ProviderError } from './provider-error';

/**
 * Parses and validates an upstream JSON body. HTML (a Cloudflare page served with 200), malformed
 * or truncated JSON and payloads of the wrong shape are all a `bad_payload` failure of the
 * provider: nothing downstream ever sees an unvalidated value.
 */
export function parsePayload<S extends z.ZodType>(
  params: {
    provider: string;
    path: string;
    text: string;
    /**
     * Object keys to keep while parsing (array indexes are always kept): the values of other
     * keys are dropped as soon as they are built, so a multi-MB list never lives as a whole.
     */
    keepKeys?: ReadonlySet<string>;
  },
  schema: S,
): z.output<S> {
  const { provider, path, text, keepKeys } = params;
  const fail = (why: string) =>
    new ProviderError({ provider, kind: 'bad_payload', message: `${path}: ${why}` });
  if (looksLikeHtml(text)) {
    throw fail('HTML page instead of JSON');
  }
  let json: unknown;
  try {
    json = keepKeys
      ? JSON.parse(text, (key, value: unknown) =>
          key === '' || keepKeys.has(key) || /^\d+$/.test(key) ? value : undefined,
        )
      : JSON.parse(text);
  } catch {
    throw fail('malformed or truncated JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw fail(`unexpected payload at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}
