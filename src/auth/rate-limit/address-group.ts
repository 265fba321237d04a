import ipaddr from 'ipaddr.js';

/**
 * What an anonymous caller's limits count against: its IPv4 address, or the /64 of its IPv6
 * address. One subscriber usually holds a whole /64, so counting single IPv6 addresses would let
 * it rotate through 2^64 of them. An IPv4-mapped IPv6 address (::ffff:a.b.c.d, as a dual-stack
 * socket reports IPv4 clients) counts as the IPv4 address; anything unparsable counts as itself.
 */
export function addressGroup(ip: string): string {
  if (!ipaddr.isValid(ip)) {
    return ip;
  }
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') {
    return address.toString();
  }
  const prefix = (address as ipaddr.IPv6).parts.slice(0, 4);
  return `${prefix.map((part) => part.toString(16)).join(':')}::/64`;
}
