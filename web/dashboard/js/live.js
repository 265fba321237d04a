import { io } from '/socket.io/socket.io.esm.min.js';

/** The page's one Socket.IO connection; panels listen by event name and survive reconnects. */
const listeners = new Map();
let socket = null;

export function onEvent(event, listener) {
  if (!listeners.has(event)) {
    listeners.set(event, new Set());
  }
  listeners.get(event).add(listener);
}

function dispatch(event, data) {
  for (const listener of listeners.get(event) ?? []) {
    listener(data);
  }
}

/**
 * (Re)connects with the key (none: the free tier) and subscribes to the channels after every
 * connect; `onState` hears what the connection is doing, in words.
 */
export function connectLive({ key, channels, onState }) {
  socket?.disconnect();
  socket = io({ path: '/socket.io', transports: ['websocket'], auth: key ? { token: key } : {} });
  socket.on('connect', async () => {
    onState({ ok: true, text: 'Subscribing…' });
    const ack = await socket.emitWithAck('subscribe', { channels });
    const rejected = ack.rejected.map((r) => `${r.channel} (${r.reason})`).join(', ');
    onState({
      ok: ack.ok,
      text: `Live: ${ack.subscribed.length} channels${rejected ? `; refused ${rejected}` : ''}`,
    });
  });
  socket.on('connect_error', (error) =>
    onState({ ok: false, text: `Stream refused: ${error.message}` }),
  );
  socket.on('disconnect', (reason) =>
    onState({ ok: false, text: `Stream disconnected (${reason}); reconnecting…` }),
  );
  socket.on('dropped', (data) =>
    onState({ ok: false, text: `Stream dropped by the service: ${data.reason}` }),
  );
  for (const event of ['price', 'market', 'news', 'providers']) {
    socket.on(event, (data) => dispatch(event, data));
  }
}
