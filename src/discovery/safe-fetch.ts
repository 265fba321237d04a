import { type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  checkedAddress,
  type CheckedAddress,
  pinnedLookup,
  UnsafeTargetError,
} from '../core/http/address-guard';

export { isPublicAddress, UnsafeTargetError } from '../core/http/address-guard';

export interface SafeFetchOptions {
  /** The whole fetch: every DNS lookup, connection, redirect and the body. */
  timeoutMs: number;
  maxBytes: number;
  /** DISCOVERY_ALLOW_ADDRESSES: non-public addresses still allowed (loosens the guard). */
  allowedAddresses: readonly string[];
  maxRedirects?: number;
  /** The caller's own deadline or cancellation, on top of timeoutMs. */
  signal?: AbortSignal;
  /** Tests only: resolves host names in place of the system resolver. */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

export interface SafeFetchResult {
  status: number;
  body: string;
  /** The URL that answered, after redirects. */
  url: string;
}

/**
 * GET for URLs that come from outside (discovery catalogues): http(s) only, every address the
 * host resolves to must be public (checked after DNS, and the connection pinned to the checked
 * address so a second lookup cannot swap it), every redirect checked again, one deadline for the
 * whole fetch (a resolver that never answers or a server that drips bytes included) and a body
 * cap. The service can never be steered into its own network.
 */
export async function safeFetch(raw: string, options: SafeFetchOptions): Promise<SafeFetchResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const expired = new Promise<never>((_resolve, reject) => {
    const fail = () =>
      reject(
        new Error(
          timeout.aborted
            ? `no answer within ${options.timeoutMs} ms`
            : 'the request was cancelled',
        ),
      );
    if (signal.aborted) {
      fail();
    }
    signal.addEventListener('abort', fail, { once: true });
  });
  return Promise.race([follow(new URL(raw), options, signal), expired]);
}

async function follow(
  start: URL,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<SafeFetchResult> {
  let url = start;
  for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop += 1) {
    const address = await checkedAddress(url, options);
    signal.throwIfAborted();
    const response = await get(url, address, signal);
    const location = response.headers.location;
    if (
      response.statusCode &&
      response.statusCode >= 300 &&
      response.statusCode < 400 &&
      location
    ) {
      response.resume();
      url = new URL(location, url);
      continue;
    }
    return {
      status: response.statusCode ?? 0,
      body: await readBody(response, options.maxBytes),
      url: url.toString(),
    };
  }
  throw new UnsafeTargetError('too many redirects');
}

function get(url: URL, pinned: CheckedAddress, signal: AbortSignal): Promise<IncomingMessage> {
  const lookup = pinnedLookup(pinned);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'GET',
        lookup,
        // The deadline also ends the socket, so a late answer is never read.
        signal,
        headers: { accept: 'application/json' },
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

function readBody(response: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy(new Error(`body larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}
