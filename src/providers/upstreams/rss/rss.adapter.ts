import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../../../core/config';
import { ProviderError, UpstreamHttpService } from '../../../core/http';
import type { CallContext, FeedResponse, FeedSource, UpstreamAdapter } from '../../provider.types';

const ID = 'rss';
/** Cloudflare in front of several outlets answers 403 to library user agents. */
const BROWSER_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const MAX_FEED_BYTES = 5 * 1024 * 1024;
const FEED_START = /^\s*(<\?xml|<rss|<feed|<rdf:RDF)/i;
const FEED_END = /<\/(rss|feed|rdf:RDF)>\s*$/i;

/** RSS 2.0 and Atom feeds: browser-like User-Agent, redirects, conditional GET, size cap. */
@Injectable()
export class RssAdapter implements UpstreamAdapter, FeedSource {
  readonly id = ID;
  readonly categories = ['news'] as const;

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    // The probe reads the first configured feed (NEWS_FEEDS or config/feeds.json).
    const feed = this.config.upstreams.rss.feeds[0];
    if (!feed) {
      throw new ProviderError({
        provider: ID,
        kind: 'not_found',
        message: 'no news feeds configured',
      });
    }
    await this.fetchFeed({ url: feed.url, ctx });
  }

  async fetchFeed(params: {
    url: string;
    etag?: string;
    lastModified?: string;
    ctx: CallContext;
  }): Promise<FeedResponse> {
    const url = new URL(params.url);
    const path = url.pathname;
    const headers: Record<string, string> = {
      'user-agent': BROWSER_USER_AGENT,
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8',
    };
    if (params.etag) {
      headers['if-none-match'] = params.etag;
    }
    if (params.lastModified) {
      headers['if-modified-since'] = params.lastModified;
    }
    const response = await this.http.get({
      provider: ID,
      baseUrl: url.origin,
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      signal: params.ctx.signal,
      maxBytes: MAX_FEED_BYTES,
      acceptStatuses: [304],
    });
    if (response.status === 304) {
      return { notModified: true, body: '', etag: params.etag, lastModified: params.lastModified };
    }
    if (!FEED_START.test(response.text) || !FEED_END.test(response.text)) {
      throw new ProviderError({
        provider: ID,
        kind: 'bad_payload',
        message: `${url.host}${path}: not a complete RSS or Atom document (challenge page or cut short)`,
      });
    }
    return {
      notModified: false,
      body: response.text,
      etag: response.headers.etag,
      lastModified: response.headers['last-modified'],
    };
  }
}
