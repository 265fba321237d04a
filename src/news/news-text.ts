import { decodeXML } from 'entities';
import { Parser } from 'htmlparser2';

/** Query parameters that only track the reader. */
const TRACKING_PARAM = /^(utm_.*|fbclid|gclid|mc_cid|mc_eid|ref_src)$/i;
const BLOCK_TAGS = new Set([
  'p',
  'br',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'figure',
  'figcaption',
  'tr',
  'td',
]);
const SKIPPED_TAGS = new Set(['script', 'style']);
/** WordPress feeds end summaries with this boilerplate. */
const APPEARED_FIRST = /\s*The post .{1,400}? appeared first on [^.]{1,100}\.\s*$/;

/**
 * Feed text as a reader sees it: XML escapes decoded (the parser leaves them, since entity
 * expansion is off), then HTML markup dropped and HTML entities decoded, which also covers
 * entities written inside CDATA and double-encoded ones (`&amp;#8217;`).
 */
export function feedText(raw: string): { text: string; firstImage: string | null } {
  const chunks: string[] = [];
  let firstImage: string | null = null;
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (SKIPPED_TAGS.has(name)) {
          skipping += 1;
        } else if (BLOCK_TAGS.has(name)) {
          chunks.push(' ');
        } else if (name === 'img' && firstImage === null && attributes.src) {
          firstImage = attributes.src;
        }
      },
      onclosetag(name) {
        if (SKIPPED_TAGS.has(name)) {
          skipping -= 1;
        } else if (BLOCK_TAGS.has(name)) {
          chunks.push(' ');
        }
      },
      ontext(text) {
        if (skipping === 0) {
          chunks.push(text);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.end(decodeXML(raw));
  const text = chunks.join('').replace(/\s+/g, ' ').trim().replace(APPEARED_FIRST, '');
  return { text, firstImage: httpUrl(firstImage) };
}

/** The link without tracking parameters or fragment; null unless it is an http(s) URL. */
export function canonicalLink(raw: string): string | null {
  const url = parseHttpUrl(raw);
  if (!url) {
    return null;
  }
  for (const key of [...url.searchParams.keys()]) {
    if (TRACKING_PARAM.test(key)) {
      url.searchParams.delete(key);
    }
  }
  url.hash = '';
  return url.toString();
}

/** An http(s) URL as given (images keep their parameters); null for anything else. */
export function httpUrl(raw: string | null | undefined): string | null {
  return raw ? (parseHttpUrl(raw)?.toString() ?? null) : null;
}

/** Lower-case letters and digits of a title: the same story from two feeds gives one key. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .slice(0, 300);
}

function parseHttpUrl(raw: string): URL | null {
  try {
    const url = new URL(decodeXML(raw.trim()));
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
