import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { isPublicAddress, safeFetch, UnsafeTargetError } from './safe-fetch';

describe('isPublicAddress', () => {
  it('refuses IPv4-compatible (::/96) and IPv4-mapped IPv6 forms of non-public addresses', () => {
    for (const address of [
      '::7f00:1',
      '::127.0.0.1',
      '::a9fe:a9fe',
      '::10.0.0.1',
      '::8.8.8.8',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
      '::1',
      '::',
    ]) {
      assert.equal(isPublicAddress(address), false, address);
    }
    for (const address of ['8.8.8.8', '::ffff:8.8.8.8', '2606:4700:4700::1111']) {
      assert.equal(isPublicAddress(address), true, address);
    }
  });
});

describe('safeFetch', () => {
  let server: Server;
  let base: string;
  const options = { timeoutMs: 300, maxBytes: 1_000_000, allowedAddresses: ['127.0.0.1'] };

  before(async () => {
    const redirects: Record<string, string> = {
      '/to-private': 'http://10.0.0.1/',
      '/to-loopback6': 'http://[::1]/',
      '/to-other-loopback': 'http://127.0.0.2/',
      '/to-file': 'file:///etc/passwd',
    };
    server = createServer((req, res) => {
      const location = redirects[req.url ?? ''];
      if (location) {
        res.writeHead(302, { location }).end();
        return;
      }
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(2_000)}"`);
        return;
      }
      // Answers at once, then sends a byte every 50 ms for two seconds: never idle, never done.
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50);
      setTimeout(() => {
        clearInterval(timer);
        res.end('{}');
      }, 2_000);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses an IPv4-compatible IPv6 literal for loopback', async () => {
    await assert.rejects(safeFetch('http://[::7f00:1]:80/', options), UnsafeTargetError);
  });

  it('stops reading a body past its size cap', async () => {
    await assert.rejects(
      safeFetch(`${base}/big`, { ...options, maxBytes: 1_000 }),
      /body larger than 1000 bytes/,
    );
    const whole = await safeFetch(`${base}/big`, { ...options, maxBytes: 3_000 });
    assert.equal(whole.body.length, 2_002);
  });

  it('re-checks every redirect: private, other loopback, IPv6 loopback and file: are refused', async () => {
    for (const path of ['/to-private', '/to-other-loopback', '/to-loopback6']) {
      await assert.rejects(safeFetch(`${base}${path}`, options), UnsafeTargetError, path);
    }
    await assert.rejects(safeFetch(`${base}/to-file`, options), /scheme file: is not allowed/);
  });

  it('gives up at the deadline while the body is still trickling in', async () => {
    const started = Date.now();
    await assert.rejects(safeFetch(`${base}/slow`, options), /no answer within 300 ms/);
    assert.ok(Date.now() - started < 1_500, `${Date.now() - started} ms`);
  });

  it('counts a DNS lookup that never answers against the same deadline', async () => {
    const started = Date.now();
    await assert.rejects(
      safeFetch('http://never-resolves.example/', {
        ...options,
        resolve: () => new Promise(() => {}),
      }),
      /no answer within 300 ms/,
    );
    assert.ok(Date.now() - started < 1_500, `${Date.now() - started} ms`);
  });

  it("stops when the caller's signal aborts, before its own deadline", async () => {
    const caller = new AbortController();
    const fetching = safeFetch(`${base}/slow`, {
      ...options,
      timeoutMs: 5_000,
      signal: caller.signal,
    });
    setTimeout(() => caller.abort(), 50);
    await assert.rejects(fetching, /the request was cancelled/);
    await assert.rejects(
      safeFetch(`${base}/slow`, { ...options, signal: AbortSignal.abort() }),
      /the request was cancelled/,
    );
  });
});
