import { randomUUID } from 'node:crypto';
import { maxHeaderSize, type Server, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/** What Node's HTTP parser refused, by its error code; anything else is a 400. */
const STATUS_BY_CODE: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_HEADERS_TIMEOUT: 408,
};

/**
 * Requests Node refuses before the application sees them (headers over its --max-http-header-size,
 * 16 KB by default;
 * malformed request lines) get the documented error shape too, instead of Node's bare status
 * line. The request never reached the app, so the request id is new; the connection is closed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A response already under way on this connection cannot be followed by another.
    const busy = (socket as Socket & { _httpMessage?: unknown })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || busy) {
      socket.destroy();
      return;
    }
    const statusCode = STATUS_BY_CODE[error.code ?? ''] ?? 400;
    const requestId = randomUUID();
    const body = JSON.stringify({
      statusCode,
      error: STATUS_CODES[statusCode],
      message: messageFor(statusCode),
      requestId,
    });
    socket.end(
      [
        `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}

function messageFor(statusCode: number): string {
  switch (statusCode) {
    case 431:
      return `request headers are over the ${maxHeaderSize} bytes the server accepts`;
    case 408:
      return 'the request did not arrive in time';
    default:
      return 'malformed HTTP request';
  }
}
