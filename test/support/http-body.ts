import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** A body as sent with `Content-Encoding`, decoded (an observer of raw bytes has to do it itself). */
export function decodeBody(raw: Buffer, encoding: string): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case 'gzip':
      return gunzipSync(raw);
    case 'deflate':
      return inflateSync(raw);
    case 'br':
      return brotliDecompressSync(raw);
    default:
      return raw;
  }
}
