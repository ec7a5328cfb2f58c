/**
 * Address scope from fixed special-purpose ranges, checked in the same order as
 * ipaddr.js `range()` so both agree; numeric tests instead of ipaddr.js objects keep
 * this cheap enough for the SSRF guard and the click hot path.
 *
 * @module
 */

/**
 * Where an address sits. `public` is ipaddr.js's `unicast`; ipaddr.js's `reserved`
 * documentation blocks (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32,
 * 3fff::/20) are `documentation`; every other special-purpose range (broadcast,
 * benchmarking, 6to4, Teredo, NAT64, AS112, AMT, ORCHID, discard, site-local…) is
 * `reserved`; IPv6 unique-local (fc00::/7) is `private`.
 */
export type IpScope =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'carrier-grade-nat'
  | 'multicast'
  | 'reserved'
  | 'documentation'
  | 'unspecified';

/** Scope of an IPv4 address given as an unsigned 32-bit number. */
export function scopeV4(n: number): IpScope {
  const a = n >>> 24;
  const b = (n >>> 16) & 255;
  const c = (n >>> 8) & 255;
  if (a === 0) return 'unspecified';
  if (n === 0xffffffff) return 'reserved';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 127) return 'loopback';
  if (a === 100 && b >= 64 && b <= 127) return 'carrier-grade-nat';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 192) {
    if (b === 0 && c === 2) return 'documentation';
    if ((b === 0 && c === 0) || (b === 88 && c === 99)) return 'reserved';
    // AS112 (RFC 7534/7535) and AMT (RFC 7450): special-purpose, never a client.
    if ((b === 175 && c === 48) || (b === 31 && c === 196) || (b === 52 && c === 193)) return 'reserved';
  }
  if (a === 198) {
    if (b === 18 || b === 19) return 'reserved';
    if (b === 51 && c === 100) return 'documentation';
  }
  if (a === 203 && b === 0 && c === 113) return 'documentation';
  if (a >= 240) return 'reserved';
  return 'public';
}

/** Scope of a (non-mapped) IPv6 address given as four big-endian 32-bit words. */
export function scopeV6(w0: number, w1: number, w2: number, w3: number): IpScope {
  const g0 = w0 >>> 16;
  if (w0 === 0 && w1 === 0 && w2 === 0) {
    if (w3 === 0) return 'unspecified';
    if (w3 === 1) return 'loopback';
  }
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if ((g0 & 0xfe00) === 0xfc00) return 'private';
  if ((g0 & 0xffc0) === 0xfec0) return 'reserved';
  if (w0 === 0x01000000 && w1 === 0) return 'reserved';
  if (w0 === 0 && w1 === 0 && w2 === 0xffff0000) return 'reserved';
  if (w0 === 0x0064ff9b && ((w1 === 0 && w2 === 0) || w1 >>> 16 === 1)) return 'reserved';
  if (g0 === 0x2002) return 'reserved';
  if (g0 === 0x2001) {
    const g1 = w0 & 0xffff;
    if (g1 === 0xdb8) return 'documentation';
    // Teredo, benchmarking, AMT, AS112, ORCHID(v2), DRIP and the rest of 2001::/23.
    if (g1 < 0x200) return 'reserved';
  }
  if (w0 === 0x2620004f && w1 >>> 16 === 0x8000) return 'reserved';
  if (g0 === 0x5f00) return 'reserved';
  if (g0 === 0x3fff && (w0 & 0xf000) === 0) return 'documentation';
  return 'public';
}
