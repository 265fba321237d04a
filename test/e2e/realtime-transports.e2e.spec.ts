import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect as tcpConnect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { Authenticator } from '../../src/auth/authenticator.service';
import { MAX_BUFFERED_BYTES, RealtimeHub } from '../../src/realtime/hub/realtime-hub.service';
import { RealtimePublisher } from '../../src/core/realtime/realtime.publisher';
import { rawText } from '../../src/realtime/raw-text';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { connected, until } from '../support/waiting';

interface Event {
  event: string;
  data: Record<string, unknown>;
}

/**
 * Sends an upgrade request no WebSocket client would send, on a bare TCP socket; resolves with
 * what came back once the server closes the socket.
 */
async function rawUpgrade(url: string, path: string): Promise<{ response: string; ms: number }> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  const socket = tcpConnect(Number(port), hostname);
  let response = '';
  socket.on('data', (chunk: Buffer) => (response += chunk.toString()));
  socket.on('error', () => undefined);
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  await once(socket, 'close');
  return { response, ms: Date.now() - started };
}

describe('real-time transports: hostile input, stray upgrades and connection counting', () => {
  let t: FakeBackedApp;
  const open: { close(): void }[] = [];
  const wsUrl = (query = ''): string => `${t.running.url.replace(/^http/, 'ws')}/ws${query}`;
  const hub = (): RealtimeHub => t.running.app.get(RealtimeHub);
  // The test runner reports an uncaught error as a failure somewhere; outside tests each one
  // would have ended the process, so the tests that provoke one check for it themselves.
  const uncaught: Error[] = [];
  const recordUncaught = (error: Error): number => uncaught.push(error);

  /** A /ws client and every event it receives. */
  const plain = async (query = ''): Promise<{ ws: WebSocket; events: Event[] }> => {
    const ws = new WebSocket(wsUrl(query));
    const events: Event[] = [];
    // Every socket is welcomed first (the welcome has its own test): these tests follow the rest.
    ws.on('message', (raw) => {
      const event = JSON.parse(rawText(raw)) as Event;
      if (event.event !== 'welcome') {
        events.push(event);
      }
    });
    ws.on('error', () => undefined);
    open.push(ws);
    await once(ws, 'open');
    return { ws, events };
  };

  /** A normal /ws round trip: the server is up and answering. */
  const answers = async (): Promise<void> => {
    const { ws, events } = await plain();
    ws.send(JSON.stringify({ action: 'ping' }));
    await until(() => events.some((e) => e.event === 'pong'));
    ws.close();
    await once(ws, 'close');
  };

  before(async () => {
    process.prependListener('uncaughtException', recordUncaught);
    t = await startFakeBackedApp();
  });

  after(async () => {
    process.off('uncaughtException', recordUncaught);
    open.forEach((s) => s.close());
    await t.stop();
  });

  it('an upgrade to an unparseable path such as //[ leaves the server up and /ws working', async () => {
    await rawUpgrade(t.running.url, '//[');
    await answers();
    assert.deepEqual(uncaught, []);
  });

  it('an upgrade to a path nobody serves is answered 404 and closed at once', async () => {
    const { response, ms } = await rawUpgrade(t.running.url, '/nope');
    assert.ok(ms < 1000, `${ms} ms`);
    assert.match(response, /^HTTP\/1\.1 404 /);
    await answers();
  });

  it('a /ws message over 64 KiB closes that client with 1009 and nothing else', async () => {
    const { ws } = await plain();
    const closed = once(ws, 'close');
    ws.send(JSON.stringify({ action: 'ping', pad: 'x'.repeat(70 * 1024) }));
    const [code] = (await closed) as [number];
    assert.equal(code, 1009);
    await answers();
    assert.deepEqual(uncaught, []);
    await until(() => hub().stats().connections === 0);
  });

  it('idle /ws sockets count toward the free tier: the sixth from one address is refused', async () => {
    const idle = await Promise.all([1, 2, 3, 4, 5].map(() => plain()));
    await until(() => idle.every(({ events }) => events[0]?.event === 'ready'));
    assert.equal(hub().stats().connections, 5);
    const { ws, events } = await plain();
    const [code] = (await once(ws, 'close')) as [number];
    assert.equal(code, 4003);
    assert.deepEqual(events, [
      { event: 'error', data: { message: 'The free tier allows 5 real-time connections at once' } },
    ]);
    idle.forEach(({ ws: socket }) => socket.close());
    await until(() => hub().stats().connections === 0);
  });

  it('a first auth message admits with the key’s tier, never the free tier’s limit', async () => {
    const keyed = await Promise.all([1, 2, 3, 4, 5, 6].map(() => plain()));
    for (const { ws } of keyed) {
      ws.send(JSON.stringify({ action: 'auth', token: ADMIN_KEY }));
      ws.send(JSON.stringify({ action: 'subscribe', channels: ['market'] }));
    }
    await until(() => keyed.every(({ events }) => events.some((e) => e.event === 'subscribed')));
    for (const { events } of keyed) {
      assert.deepEqual(
        events.map((e) => e.event === 'ready' && e.data.tier),
        ['admin', false],
      );
    }
    assert.equal(hub().stats().connections, 6);
    keyed.forEach(({ ws }) => ws.close());
    await until(() => hub().stats().connections === 0);
  });

  it('both transports take the credential from an Authorization or X-API-Key header too', async () => {
    const token = (
      await fetch(`${t.running.url}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: ADMIN_KEY }),
      }).then((res) => res.json() as Promise<{ access_token: string }>)
    ).access_token;
    const firstEvent = async (headers: Record<string, string>): Promise<Event> => {
      const ws = new WebSocket(wsUrl(), { headers });
      ws.on('error', () => undefined);
      open.push(ws);
      // The welcome and the admission's answer may arrive in one read: collect, then look.
      const events: Event[] = [];
      ws.on('message', (raw) => events.push(JSON.parse(rawText(raw)) as Event));
      await until(() => events.length >= 2);
      ws.close();
      assert.equal(events[0].event, 'welcome');
      return events[1];
    };
    // Admitted as they connect, with the key's tier, without waiting for a first message.
    assert.deepEqual(await firstEvent({ 'X-API-Key': ADMIN_KEY }), {
      event: 'ready',
      data: { tier: 'admin' },
    });
    assert.deepEqual(await firstEvent({ Authorization: `Bearer ${token}` }), {
      event: 'ready',
      data: { tier: 'admin' },
    });
    const refused = await firstEvent({ 'X-API-Key': 'cdt_not-a-key-not-a-key-not-a-key' });
    assert.deepEqual(refused, { event: 'error', data: { message: 'Unknown or revoked API key' } });

    const socketWith = (extraHeaders: Record<string, string>) =>
      io(t.running.url, { transports: ['websocket'], reconnection: false, extraHeaders });
    const bad = socketWith({ Authorization: 'Bearer cdt_not-a-key-not-a-key-not-a-key' });
    await assert.rejects(connected(bad), /Unknown or revoked API key/);
    bad.close();
    const good: Record<string, string>[] = [
      { 'X-API-Key': ADMIN_KEY },
      { Authorization: `Bearer ${token}` },
    ];
    for (const headers of good) {
      const socket = socketWith(headers);
      await connected(socket);
      socket.disconnect();
    }
    await until(() => hub().stats().connections === 0);
  });

  it('a Socket.IO client that stops reading is dropped once its large messages back up past the byte limit', async () => {
    const socket = io(t.running.url, { transports: ['websocket'], reconnection: false });
    await connected(socket);
    await socket.emitWithAck('subscribe', { channels: ['news'] });
    const dropped = new Promise<{ reason: string }>((resolve) => socket.once('dropped', resolve));
    // The client stops reading: what the server sends piles up in the kernel, then in the server.
    const { ws } = socket.io.engine.transport as unknown as { ws: WebSocket };
    ws.pause();
    const publisher = t.running.app.get(RealtimePublisher);
    const size = 64 * 1024;
    const items = [{ title: 'x'.repeat(size) }];
    // Loopback socket buffers hold a few MB; counted at 256 bytes a packet, the backlog of
    // 64 KiB messages would only pass the limit after 2,048 of them (128 MiB).
    const ceiling = 32 * 1024 * 1024;
    let published = 0;
    while (hub().stats().connections > 0 && published < ceiling) {
      publisher.publish('news', 'news', items);
      published += size;
      await new Promise(setImmediate);
    }
    assert.equal(hub().stats().connections, 0, `still connected after ${published} bytes`);
    assert.ok(published > MAX_BUFFERED_BYTES, `dropped after ${published} bytes`);
    // Reading again, the client gets the backlog, then why it was dropped, then the close.
    ws.resume();
    assert.match((await dropped).reason, /too slow/);
    await until(() => socket.disconnected);
  });

  it('revoking a key through the API ends its open connections on both transports at once', async () => {
    const created = await fetch(`${t.running.url}/api/auth/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
      body: JSON.stringify({ name: 'streaming', tier: 'pro' }),
    }).then((res) => res.json() as Promise<{ id: number; key: string }>);
    const socket = io(t.running.url, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: created.key },
    });
    await connected(socket);
    const dropped: { reason: string }[] = [];
    socket.once('dropped', (data: { reason: string }) => dropped.push(data));
    const { ws, events } = await plain();
    ws.send(JSON.stringify({ action: 'auth', token: created.key }));
    await until(() => events.some((e) => e.event === 'ready'));
    const anonymous = await plain();
    await until(() => hub().stats().connections === 3);
    const closed: [number, string][] = [];
    ws.once('close', (code: number, reason: Buffer) => closed.push([code, reason.toString()]));
    const revoked = await fetch(`${t.running.url}/api/auth/keys/${created.id}`, {
      method: 'DELETE',
      headers: { 'x-api-key': ADMIN_KEY },
    });
    assert.equal(revoked.status, 200);
    // Bounded waits: without the fix these never happen, and the test must fail, not hang.
    await until(() => socket.disconnected && closed.length === 1);
    assert.deepEqual(dropped, [{ reason: 'the API key was revoked' }]);
    assert.deepEqual(closed, [[4003, 'the API key was revoked']]);
    assert.equal(hub().stats().connections, 1, 'the anonymous client stays');
    anonymous.ws.close();
    await until(() => hub().stats().connections === 0);
  });

  it('Socket.IO clients that leave during the handshake or after it free their admission', async () => {
    const authenticator = t.running.app.get(Authenticator);
    const identify = authenticator.identify.bind(authenticator);
    // A slow credential check (a busy database) keeps the handshake open while the client leaves.
    authenticator.identify = async (...args) => {
      await sleep(100);
      return identify(...args);
    };
    try {
      for (let i = 0; i < 3; i += 1) {
        const socket = io(t.running.url, {
          transports: ['websocket'],
          reconnection: false,
          auth: { token: ADMIN_KEY },
        });
        socket.on('connect_error', () => undefined);
        await until(() => socket.io.engine?.readyState === 'open');
        await sleep(20);
        socket.io.engine.close();
      }
      await sleep(300);
      assert.equal(hub().stats().connections, 0);
    } finally {
      authenticator.identify = identify;
    }
    const socket = io(t.running.url, { transports: ['websocket'], reconnection: false });
    await connected(socket);
    assert.equal(hub().stats().connections, 1);
    socket.disconnect();
    await until(() => hub().stats().connections === 0);
  });
});
