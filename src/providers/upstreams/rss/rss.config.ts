import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { optionalUrlListVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export interface NewsFeed {
  name: string;
  url: string;
}

export const rssConfig = defineUpstreamConfig({
  id: 'rss',
  variables: {
    NEWS_FEEDS: optionalUrlListVar(['http:', 'https:']).describe(
      'RSS or Atom URLs, comma-separated (each once); unset: config/feeds.json',
    ),
  },
  settings: (env, { configDir, problems }) => ({
    feeds: env.NEWS_FEEDS
      ? nameFeeds(env.NEWS_FEEDS)
      : readFeedsFile(join(configDir, 'feeds.json'), problems),
  }),
  baseUrl: (settings) => settings.feeds.map((f) => f.url).join(','),
});

/**
 * NEWS_FEEDS (each URL once) are named by host; where several share a host, by host and path;
 * where those are shared too, by host, path and query. Names key the stored feed state.
 */
function nameFeeds(urls: readonly string[]): NewsFeed[] {
  const unique = [...new Set(urls)];
  const host = (url: string) => new URL(url).hostname.replace(/^www\./, '');
  const path = (url: string) => `${host(url)}${new URL(url).pathname}`;
  const query = (url: string) => `${path(url)}${new URL(url).search}`;
  const namings = [host, path, query];
  return unique.map((url) => {
    const name =
      namings.find(
        (naming) => unique.filter((other) => naming(other) === naming(url)).length === 1,
      ) ?? query;
    return { name: name(url), url };
  });
}

function readFeedsFile(file: string, problems: string[]): NewsFeed[] {
  try {
    const feeds: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (Array.isArray(feeds) && feeds.every(isNewsFeed)) {
      return feeds;
    }
    problems.push(`CONFIG_DIR: ${file} must be a JSON array of {"name", "url"} objects`);
  } catch (error) {
    problems.push(`CONFIG_DIR: cannot read ${file} (${(error as Error).message})`);
  }
  return [];
}

function isNewsFeed(value: unknown): value is NewsFeed {
  const feed = value as NewsFeed;
  return typeof feed?.name === 'string' && typeof feed.url === 'string' && URL.canParse(feed.url);
}
