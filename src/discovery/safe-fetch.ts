import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export class UnsafeTargetError extends Error {}

export interface SafeFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Tests only: non-public addresses still allowed (the fake upstream lives on 127.0.0.1). */
  allowedAddresses: readonly string[];
  maxRedirects?: number;
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
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function isPublicAddress(address: string): boolean {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/**
 * GET for URLs that come from outside (discovery catalogues): http(s) only, every address the
 * host resolves to must be public (checked after DNS, and the connection pinned to the checked
 * address so a second lookup cannot swap it), every redirect checked again, a timeout and a
 * body cap. The service can never be steered into its own network.
 */
export async function safeFetch(raw: string, options: SafeFetchOptions): Promise<SafeFetchResult> {
  let url = new URL(raw);
  for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop += 1) {
    const address = await checkedAddress(url, options.allowedAddresses);
    const response = await get(url, address, options);
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
  allowed: readonly string[],
): Promise<{ address: string; family: number }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UnsafeTargetError(`scheme ${url.protocol} is not allowed`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host)
    ? [{ address: host, family: host.includes(':') ? 6 : 4 }]
    : await dnsLookup(host, { all: true });
  if (addresses.length === 0) {
    throw new UnsafeTargetError(`${host} does not resolve`);
  }
  const blocked = addresses.find(
    (a) => !isPublicAddress(a.address) && !allowed.includes(a.address),
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
  options: SafeFetchOptions,
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
        timeout: options.timeoutMs,
        headers: { accept: 'application/json' },
      },
      resolve,
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
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
