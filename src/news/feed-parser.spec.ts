import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeedParseError, parseFeed } from './feed-parser';

describe('parseFeed', () => {
  it('reads RSS items, falling back from media:content to enclosure to the first <img>', () => {
    const items = parseFeed(`<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
<item><title>A</title><link>https://a.example/1</link><pubDate>Fri, 27 Nov 2026 14:05:00 +0000</pubDate>
<media:content url="https://i.example/a.jpg" medium="image"/></item>
<item><title>B</title><guid>https://a.example/2</guid><description><![CDATA[<img src="https://i.example/b.png">Body]]></description></item>
<item><title>No link</title></item>
</channel></rss>`);
    assert.deepEqual(items, [
      {
        title: 'A',
        link: 'https://a.example/1',
        summary: null,
        imageUrl: 'https://i.example/a.jpg',
        publishedAt: new Date('2026-11-27T14:05:00Z'),
      },
      {
        title: 'B',
        link: 'https://a.example/2',
        summary: 'Body',
        imageUrl: 'https://i.example/b.png',
        publishedAt: null,
      },
    ]);
  });

  it('reads RSS 1.0 (RDF) items', () => {
    const items = parseFeed(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<item><title>R</title><link>https://r.example/1</link><dc:date>2026-11-27T10:00:00Z</dc:date></item>
</rdf:RDF>`);
    assert.deepEqual(
      items.map((i) => [i.title, i.publishedAt?.toISOString()]),
      [['R', '2026-11-27T10:00:00.000Z']],
    );
  });

  it('rejects what is not a well-formed feed', () => {
    assert.throws(() => parseFeed('<rss><channel><item>'), FeedParseError);
    assert.throws(() => parseFeed('<html><body>hi</body></html>'), /neither RSS nor Atom/);
    assert.throws(
      () => parseFeed('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hosts">]><rss><channel/></rss>'),
      /External entities/,
    );
  });
});
