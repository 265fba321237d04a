import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalLink, feedText, titleKey } from './news-text';

describe('feed text helpers', () => {
  it('decodes XML escapes, HTML entities (also double-encoded) and drops markup and scripts', () => {
    assert.deepEqual(feedText('&lt;p&gt;Gas &amp;amp; fees&lt;/p&gt;'), {
      text: 'Gas & fees',
      firstImage: null,
    });
    const html = feedText(
      '<p>It&#8217;s up &hellip;<img src="https://x.example/a.png?w=1"></p><script>x()</script>',
    );
    assert.deepEqual(html, { text: 'It’s up …', firstImage: 'https://x.example/a.png?w=1' });
    assert.equal(feedText('Short. The post Short appeared first on CryptoSlate.').text, 'Short.');
  });

  it('canonical links drop tracking parameters and fragments, and only allow http(s)', () => {
    assert.equal(
      canonicalLink('https://A.example/x?utm_source=rss&amp;id=3&fbclid=1#top'),
      'https://a.example/x?id=3',
    );
    assert.equal(canonicalLink('javascript:alert(1)'), null);
    assert.equal(canonicalLink('not a url'), null);
  });

  it('title keys ignore case, accents and punctuation', () => {
    assert.equal(
      titleKey('Chainlink Launches Cross-Chain Staking!'),
      'chainlink launches cross chain staking',
    );
    assert.equal(titleKey('Café  crème'), 'cafe creme');
  });
});
