/**
 * The throughput yardstick for bench:market: a bare node:http server answering every request
 * with the same bytes as the app (BODY_BASE64, and the headers in HEADERS_JSON: security, CORS,
 * rate-limit and request-id headers included) on PORT, and doing nothing else. Same bytes on the
 * wire, so the load generator parses the same answers from both and only the servers differ.
 */
import { createServer } from 'node:http';

const body = Buffer.from(process.env.BODY_BASE64 ?? '', 'base64');
const headers = JSON.parse(process.env.HEADERS_JSON ?? '{}') as Record<string, string>;

createServer((_req, res) => {
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
