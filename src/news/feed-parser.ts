import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { canonicalLink, feedText, httpUrl } from './news-text';

export interface FeedItem {
  /** Plain text, at most TITLE_MAX characters (longer ones cut, ending in an ellipsis). */
  title: string;
  /** Canonical link: tracking parameters and fragment removed. */
  link: string;
  /** Plain text, at most SUMMARY_MAX characters. */
  summary: string | null;
  imageUrl: string | null;
  /** Null when the feed gives no usable date. */
  publishedAt: Date | null;
}

export class FeedParseError extends Error {}

const SUMMARY_MAX = 1_000;
/**
 * Real headlines stay under 200 characters; a feed serving a 120,000-character "title" would
 * otherwise store it and send it to every reader and the sentiment model.
 */
export const TITLE_MAX = 300;
const REPEATED = new Set([
  'item',
  'entry',
  'link',
  'category',
  'enclosure',
  'media:content',
  'media:thumbnail',
]);

/**
 * Entity expansion is off: `&name;` references declared in a DOCTYPE are never expanded (no
 * billion laughs), external entities make the document fail (no XXE), and escapes are decoded
 * afterwards by `feedText`.
 */
const parser = new XMLParser({
  processEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;

/** Items of an RSS 2.0, RSS 1.0 (RDF) or Atom document; items without a title or link are left out. */
export function parseFeed(xml: string): FeedItem[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new FeedParseError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (error) {
    throw new FeedParseError(`unreadable XML: ${(error as Error).message}`);
  }
  const rss = node(node(doc.rss).channel);
  const rdf = node(doc['rdf:RDF']);
  const atom = node(doc.feed);
  const entries = list(rss.item ?? rdf.item ?? atom.entry);
  if (!doc.rss && !doc['rdf:RDF'] && !doc.feed) {
    throw new FeedParseError('neither RSS nor Atom');
  }
  return entries.flatMap((entry) => {
    const item = doc.feed ? fromAtom(node(entry)) : fromRss(node(entry));
    return item ? [item] : [];
  });
}

function fromRss(item: Node): FeedItem | undefined {
  const guid = node(item.guid);
  const permalink = guid['@_isPermaLink'] === 'false' ? '' : text(item.guid);
  const link = canonicalLink(text(list(item.link)[0]) || permalink);
  const summaryHtml = text(item.description) || text(item['content:encoded']);
  return build({
    title: text(item.title),
    link,
    summaryHtml,
    contentHtml: text(item['content:encoded']),
    date: text(item.pubDate) || text(item['dc:date']),
    image:
      mediaImage(item['media:content']) ??
      enclosureImage(item.enclosure) ??
      attribute(list(item['media:thumbnail'])[0], 'url'),
  });
}

function fromAtom(entry: Node): FeedItem | undefined {
  const links = list(entry.link).map(node);
  const alternate = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate');
  const enclosure = links.find((l) => l['@_rel'] === 'enclosure' && isImageType(l['@_type']));
  return build({
    title: text(entry.title),
    link: canonicalLink(attribute(alternate, 'href') ?? ''),
    summaryHtml: text(entry.summary) || text(entry.content),
    contentHtml: text(entry.content),
    date: text(entry.published) || text(entry.updated),
    image: attribute(list(entry['media:thumbnail'])[0], 'url') ?? attribute(enclosure, 'href'),
  });
}

function build(raw: {
  title: string;
  link: string | null;
  summaryHtml: string;
  contentHtml: string;
  date: string;
  image: string | null;
}): FeedItem | undefined {
  const title = feedText(raw.title).text;
  if (!title || !raw.link) {
    return undefined;
  }
  const summary = feedText(raw.summaryHtml);
  const published = raw.date ? new Date(raw.date) : null;
  return {
    title: title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1).trimEnd()}…` : title,
    link: raw.link,
    summary: summary.text ? summary.text.slice(0, SUMMARY_MAX) : null,
    imageUrl:
      httpUrl(raw.image) ?? summary.firstImage ?? feedText(raw.contentHtml).firstImage ?? null,
    publishedAt: published && !Number.isNaN(published.getTime()) ? published : null,
  };
}

function mediaImage(value: unknown): string | null {
  const image = list(value)
    .map(node)
    .find((m) => m['@_medium'] === 'image' || isImageType(m['@_type']));
  return attribute(image ?? list(value)[0], 'url');
}

function enclosureImage(value: unknown): string | null {
  const image = list(value)
    .map(node)
    .find((e) => e['@_type'] === undefined || isImageType(e['@_type']));
  return attribute(image, 'url');
}

function isImageType(type: unknown): boolean {
  return typeof type === 'string' && type.startsWith('image/');
}

function text(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return String(value);
  }
  const inner = node(value)['#text'];
  return typeof inner === 'string' || typeof inner === 'number' ? String(inner) : '';
}

function attribute(value: unknown, name: string): string | null {
  const found = node(value)[`@_${name}`];
  return typeof found === 'string' && found ? found : null;
}

function node(value: unknown): Node {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}
