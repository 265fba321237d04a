/**
 * Feeds with the quirks real outlets have, served by the fake upstream's `feeds` host: CDATA and
 * entities, HTML summaries, a missing date, Atom, DOCTYPE entities, an external entity, a cut-off
 * body and a Cloudflare 403. `ledger` and `wire` share two stories.
 */
import type { RouteResult } from './route.types';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
const rss = (title: string, items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${title}</title>
${items}
</channel></rss>`;

const ledger = () =>
  rss(
    'Ledger Daily',
    `<item>
  <title><![CDATA[Ethereum &amp; Solana lead as DeFi TVL climbs]]></title>
  <link>https://ledger.example/news/eth-sol?utm_source=rss&amp;utm_medium=feed&amp;id=7</link>
  <pubDate>${hoursAgo(1).toUTCString()}</pubDate>
  <description><![CDATA[<p>Prices rose &#8217;sharply&#8217; &hellip; <img src="https://img.ledger.example/eth.png"/></p><script>track()</script>]]></description>
</item>
<item>
  <title>Bitcoin&#8217;s hashrate &amp; difficulty hit records</title>
  <link>https://ledger.example/news/hashrate</link>
  <description>Miners &lt;b&gt;keep&lt;/b&gt; adding machines. The post Bitcoin hashrate appeared first on Ledger Daily.</description>
  <enclosure url="https://img.ledger.example/hash.jpg" type="image/jpeg" length="1000"/>
</item>
<item>
  <title>Chainlink launches cross-chain staking</title>
  <link>https://ledger.example/news/link-staking</link>
  <pubDate>${hoursAgo(3).toUTCString()}</pubDate>
  <description>LINK holders can stake on three networks.</description>
  <media:content url="https://img.ledger.example/link.png" medium="image"/>
</item>
<item>
  <title></title>
  <link>https://ledger.example/news/untitled</link>
</item>`,
  );

const wire = () =>
  rss(
    'Chain Wire',
    `<item>
  <title>Chainlink Launches Cross-Chain Staking!</title>
  <link>https://wire.example/2026/link-staking</link>
  <pubDate>${hoursAgo(2).toUTCString()}</pubDate>
</item>
<item>
  <title>ETH and SOL lead a DeFi rebound</title>
  <link>https://ledger.example/news/eth-sol?id=7&amp;utm_campaign=wire#top</link>
  <pubDate>${hoursAgo(2).toUTCString()}</pubDate>
</item>
<item>
  <title>XRP Ledger adds an automated market maker</title>
  <link>https://wire.example/2026/xrp-amm</link>
  <pubDate>${hoursAgo(5).toUTCString()}</pubDate>
  <media:thumbnail url="https://img.wire.example/xrp.jpg"/>
</item>`,
  );

const atom = () => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <title>Atom Times</title>
  <entry>
    <title type="html">Dogecoin &lt;b&gt;rallies&lt;/b&gt; on payments news</title>
    <link rel="alternate" href="https://atom.example/doge-rallies"/>
    <link rel="enclosure" type="image/png" href="https://img.atom.example/doge.png"/>
    <published>${hoursAgo(4).toISOString()}</published>
    <summary type="html">&lt;p&gt;Dogecoin gained 8%.&lt;/p&gt;</summary>
  </entry>
</feed>`;

const laughs = () => `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>Cardano &c; governance vote passes</title><link>https://laughs.example/ada-vote</link><pubDate>${hoursAgo(6).toUTCString()}</pubDate></item>
</channel></rss>`;

const xxe = () => `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title>
<item><title>Leak &secret;</title><link>https://xxe.example/leak</link></item>
</channel></rss>`;

/** Clear-cut good and bad news, for the sentiment scoring tests. */
const mood = () =>
  rss(
    'Market Mood',
    [
      ['Bitcoin surges to a record high as ETF inflows accelerate', 'btc-record', 1],
      ['Bitcoin price crashes as panic selling deepens losses', 'btc-crash', 2],
      ['Exchange hacked, millions in Ethereum stolen; withdrawals frozen', 'eth-hack', 3],
      ['Solana rallies as developers celebrate a great upgrade', 'sol-rally', 4],
    ]
      .map(
        ([title, slug, hours]) =>
          `<item><title>${title}</title><link>https://mood.example/${slug}</link><pubDate>${hoursAgo(Number(hours)).toUTCString()}</pubDate></item>`,
      )
      .join('\n'),
  );

const feed = (body: string): RouteResult => ({
  reply: { body, contentType: 'application/rss+xml; charset=utf-8' },
  empty: rss('empty', ''),
  error200: '<html><body>Just a moment...</body></html>',
});

export const FEEDS: Record<string, () => RouteResult> = {
  '/ledger': () => ({
    ...feed(ledger()),
    reply: { ...feed(ledger()).reply, headers: { etag: '"ledger-v1"' } },
  }),
  '/wire': () => feed(wire()),
  '/atom': () => ({
    ...feed(atom()),
    reply: { body: atom(), contentType: 'application/atom+xml' },
  }),
  '/laughs': () => feed(laughs()),
  '/mood': () => feed(mood()),
  '/xxe': () => feed(xxe()),
  '/cut': () => feed(wire().slice(0, 300)),
  '/blocked': () => ({
    ...feed(''),
    reply: {
      status: 403,
      body: '<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head></html>',
      contentType: 'text/html',
    },
  }),
};
