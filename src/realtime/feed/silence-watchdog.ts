import WebSocket from 'ws';

/**
 * Terminates a connection nothing has come from (message, ping or pong) for silenceMs: a dead
 * peer or path never reports a close. Past half that time a ping asks for a pong, so a quiet
 * but live connection stays.
 */
export function watchSilence(socket: WebSocket, silenceMs: number): void {
  let heardAt = Date.now();
  const heard = (): void => {
    heardAt = Date.now();
  };
  socket.on('open', heard).on('message', heard).on('ping', heard).on('pong', heard);
  const timer = setInterval(() => {
    const quiet = Date.now() - heardAt;
    if (quiet >= silenceMs) {
      socket.terminate();
    } else if (quiet >= silenceMs / 2 && socket.readyState === WebSocket.OPEN) {
      socket.ping();
    }
  }, silenceMs / 4);
  timer.unref();
  socket.once('close', () => clearInterval(timer));
}
