/**
 * The throughput yardstick for bench:market: a bare node:http server answering every request
 * with fixed bytes (BODY_BASE64, CONTENT_TYPE) on PORT, nothing else.
 */
import { createServer } from 'node:http';

const body = Buffer.from(process.env.BODY_BASE64 ?? '', 'base64');
const contentType = process.env.CONTENT_TYPE ?? 'application/json';

createServer((_req, res) => {
  res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
