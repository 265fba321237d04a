import type { Page } from 'playwright-core';

/** In-page code below runs in the browser; the project compiles without the DOM library. */
declare const window: { __cls: number };
declare const performance: any;

interface ResourceTiming {
  name: string;
  encodedBodySize: number;
  responseStart: number;
}

export interface PageMetrics {
  /** When the HTML's first byte arrived: the server's share of the first paint. */
  firstByteMs: number;
  firstContentfulPaintMs: number;
  cumulativeLayoutShift: number;
  /** Compressed bytes of the HTML, styles and scripts of the page itself. */
  ownBytes: number;
  /** The chart library and the Socket.IO client. */
  libraryBytes: number;
  files: number;
}

/** What the browser itself measured for the page: first paint, layout shift and bytes. */
export function pageMetrics(page: Page, assetBase: string): Promise<PageMetrics> {
  return page.evaluate((base) => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const navigation = performance.getEntriesByType('navigation')[0] as ResourceTiming;
    const resources = performance.getEntriesByType('resource') as ResourceTiming[];
    const own = resources.filter((r) => {
      const path = new URL(r.name).pathname;
      return path.startsWith(base) && !path.includes('/vendor/');
    });
    const libraries = resources.filter((r) => /vendor\/|socket\.io\.esm/.test(r.name));
    const bytes = (list: ResourceTiming[]): number =>
      list.reduce((sum, r) => sum + r.encodedBodySize, 0);
    return {
      firstByteMs: Math.round(navigation.responseStart),
      firstContentfulPaintMs: paint ? Math.round(paint.startTime) : Number.POSITIVE_INFINITY,
      cumulativeLayoutShift: window.__cls,
      ownBytes: bytes(own) + navigation.encodedBodySize,
      libraryBytes: bytes(libraries),
      files: own.length + 1,
    };
  }, assetBase);
}
