import type { RawData } from 'ws';

/** A WebSocket message as text, whichever buffer shape `ws` delivered it in. */
export function rawText(raw: RawData): string {
  if (Array.isArray(raw)) {
    return Buffer.concat(raw).toString('utf8');
  }
  return Buffer.from(raw as ArrayBuffer).toString('utf8');
}
