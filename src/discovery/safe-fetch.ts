import { type LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export class UnsafeTargetError extends Error {}

export interface SafeFetchOptions {
  /** The whole fetch: every DNS lookup, connection, redirect and the body. */
  timeoutMs: number;
  maxBytes: number;
  /** Tests only: non-public addresses still allowed (the fake upstream lives on 127.0.0.1). */
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
 * Whether an address is a public unicast one: loopback, private, link-local (cloud metadata at
 * 169.254.169.254 included), unique-local, unspecified, multicast and reserved ranges are not.
 * IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are judged as the IPv4 address they carry, and the
 * deprecated IPv4-compatible ones (::a.b.c.d, ::/96), which ipaddr.js calls unicast, are refused.
 */
export function isPublicAddress(address: string): boolean {
  let parsed = ipaddr.parse(canonical(address));
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.parts.slice(0, 6).every((part) => part === 0)) {
      return false;
    }
    if (v6.isIPv4MappedAddress()) {
      parsed = v6.toIPv4Address();
    }
  }
  return parsed.range() === 'unicast';
}

/**
 * IPv6 in the WHATWG URL serialisation, which never uses a dotted tail: ipaddr.js reads any
 * `::a.b.c.d` as IPv4-mapped, where the network stack sees the IPv4-compatible `::/96` form.
 */
function canonical(address: string): string {
  return address.includes(':') ? new URL(`http://[${address}]/`).hostname.slice(1, -1) : address;
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

async function checkedAddress(
  url: URL,
  options: SafeFetchOptions,
): Promise<{ address: string; family: number }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UnsafeTargetError(`scheme ${url.protocol} is not allowed`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host)
    ? [{ address: host, family: host.includes(':') ? 6 : 4 }]
    : await (options.resolve ?? ((name) => dnsLookup(name, { all: true })))(host);
  if (addresses.length === 0) {
    throw new UnsafeTargetError(`${host} does not resolve`);
  }
  const blocked = addresses.find(
    (a) => !isPublicAddress(a.address) && !options.allowedAddresses.includes(a.address),
  );
  if (blocked) {
    throw new UnsafeTargetError(
      `${host} resolves to ${blocked.address}, which is not a public address`,
    );
  }
  return addresses[0];
}

function get(
  url: URL,
  pinned: { address: string; family: number },
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        pinned,
      ]);
    } else {
      callback(null, pinned.address, pinned.family);
    }
  };
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
