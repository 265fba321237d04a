import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** A URL the service must not fetch: another scheme, or a host on a non-public address. */
export class UnsafeTargetError extends Error {}

export interface AddressGuardOptions {
  /**
   * DISCOVERY_ALLOW_ADDRESSES: non-public addresses that may still be reached. It loosens the
   * guard (tests use it for the fake upstream on 127.0.0.1).
   */
  allowedAddresses: readonly string[];
  /** Tests only: resolves host names in place of the system resolver. */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

export interface CheckedAddress {
  address: string;
  family: number;
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
 * Checks a URL before it is fetched: http(s) only, and every address its host resolves to must
 * be public or explicitly allowed. Returns the address to connect to, which the caller pins
 * (`pinnedLookup`) so a second DNS answer cannot swap it.
 */
export async function checkedAddress(
  url: URL,
  options: AddressGuardOptions,
): Promise<CheckedAddress> {
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

/** A `lookup` for http.request that always answers the address already checked. */
export function pinnedLookup(pinned: CheckedAddress): LookupFunction {
  return (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: CheckedAddress[]) => void)(null, [pinned]);
    } else {
      callback(null, pinned.address, pinned.family);
    }
  };
}
