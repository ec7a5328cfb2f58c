/**
 * Strict, allocation-free IP address parsing for the hot path.
 *
 * Results are written into module-level scratch values and read right after the call,
 * so one classification allocates nothing while parsing.
 *
 * @module
 */

/** Why a string is not an IP address. */
export type IpInvalidReason = 'not-a-string' | 'empty' | 'too-long' | 'invalid-ipv4' | 'invalid-ipv6' | 'zone-id';

/** Longest valid textual form: eight groups with an embedded dotted quad, `ffff:…:255.255.255.255`. */
export const MAX_IP_LENGTH = 45;

/** Outcome codes of {@link parseIpInto}: a family, or a reason. */
export const PARSED_V4 = 4;
/** See {@link PARSED_V4}. */
export const PARSED_V6 = 6;

/** The address words of the last successful parse: IPv4 in `words[3]` only, IPv6 in all four (big-endian). */
export const words = new Uint32Array(4);
/** True when the last parse unwrapped an `::ffff:a.b.c.d` address to IPv4. */
export const parsed = { mapped: false };

const groups = new Int32Array(8);

/**
 * Parses plain dotted-decimal IPv4 between `start` and `end`: exactly four decimal
 * octets of 1–3 digits, no leading zeros, nothing else.
 *
 * @returns The address as an unsigned 32-bit number, or -1.
 */
export function parseIpv4(s: string, start: number, end: number): number {
  let result = 0;
  let value = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // `010` is octal and `00` ambiguous to inet_aton-style parsers: refuse rather than guess.
      if (digits === 1 && value === 0) return -1;
      value = value * 10 + (c - 48);
      digits++;
      if (value > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      result = result * 256 + value;
      dots++;
      value = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return result * 256 + value;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/** Parses IPv6 text into {@link words}; returns 0 on success or an invalid reason. */
function parseIpv6(s: string, start: number, end: number): 0 | IpInvalidReason {
  let n = 0;
  let gap = -1;
  let i = start;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return 'invalid-ipv6';
    gap = 0;
    i += 2;
  }
  while (i < end) {
    let j = i;
    let value = 0;
    while (j < end) {
      const h = hexValue(s.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
      j++;
    }
    const c = j < end ? s.charCodeAt(j) : -1;
    if (c === 46) {
      if (n > 6) return 'invalid-ipv6';
      const v4 = parseIpv4(s, i, end);
      if (v4 < 0) return 'invalid-ipv6';
      groups[n++] = Math.floor(v4 / 65536);
      groups[n++] = v4 % 65536;
      i = end;
      break;
    }
    if (c === 37) return 'zone-id';
    if (j === i || j - i > 4 || n === 8) return 'invalid-ipv6';
    groups[n++] = value;
    if (j === end) {
      i = end;
      break;
    }
    if (c !== 58) return 'invalid-ipv6';
    j++;
    if (j < end && s.charCodeAt(j) === 58) {
      if (gap >= 0) return 'invalid-ipv6';
      gap = n;
      j++;
    } else if (j === end) {
      return 'invalid-ipv6';
    }
    i = j;
  }
  if (gap >= 0) {
    if (n > 7) return 'invalid-ipv6';
    const tail = n - gap;
    for (let k = 0; k < tail; k++) groups[7 - k] = groups[n - 1 - k]!;
    for (let k = gap; k < 8 - tail; k++) groups[k] = 0;
  } else if (n !== 8) {
    return 'invalid-ipv6';
  }
  words[0] = groups[0]! * 65536 + groups[1]!;
  words[1] = groups[2]! * 65536 + groups[3]!;
  words[2] = groups[4]! * 65536 + groups[5]!;
  words[3] = groups[6]! * 65536 + groups[7]!;
  return 0;
}

/**
 * Parses an address strictly. On success returns {@link PARSED_V4} (value in `words[3]`)
 * or {@link PARSED_V6} (value in `words`); IPv4-mapped IPv6 comes back as IPv4 with
 * `parsed.mapped` set. Zone ids (`fe80::1%eth0`) are refused: they only mean something
 * on the host that wrote them. Never throws.
 */
export function parseIpInto(s: unknown): typeof PARSED_V4 | typeof PARSED_V6 | IpInvalidReason {
  parsed.mapped = false;
  if (typeof s !== 'string') return 'not-a-string';
  const length = s.length;
  if (length === 0) return 'empty';
  if (length > MAX_IP_LENGTH) return 'too-long';
  if (s.indexOf(':') < 0) {
    const v4 = parseIpv4(s, 0, length);
    if (v4 < 0) return 'invalid-ipv4';
    words[0] = 0;
    words[1] = 0;
    words[2] = 0;
    words[3] = v4;
    return PARSED_V4;
  }
  const reason = parseIpv6(s, 0, length);
  if (reason !== 0) return reason;
  if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) {
    parsed.mapped = true;
    words[2] = 0;
    return PARSED_V4;
  }
  return PARSED_V6;
}

/** Parses `a.b.c.d/len` or `x::/len` (or a bare address, as a /32 or /128) into an inclusive range; null when malformed. */
export function parseCidr(text: string): { version: 4; start: number; end: number } | { version: 6; start: bigint; end: bigint } | null {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const kind = parseIpInto(address);
  if (kind !== PARSED_V4 && kind !== PARSED_V6) return null;
  const max = kind === PARSED_V4 && !parsed.mapped ? 32 : 128;
  let bits = max;
  if (slash >= 0) {
    const lengthText = text.slice(slash + 1);
    if (!/^\d{1,3}$/u.test(lengthText)) return null;
    bits = Number(lengthText);
    if (bits > max) return null;
    // `::ffff:1.2.3.0/120` is an IPv4 /24 written in IPv6.
    if (kind === PARSED_V4 && parsed.mapped) {
      if (bits < 96) return null;
      bits -= 96;
    }
  }
  if (kind === PARSED_V4) {
    const size = 2 ** (32 - bits);
    const start = words[3]! - (words[3]! % size);
    return { version: 4, start, end: start + size - 1 };
  }
  const value = wordsToBigInt(words);
  const hostMask = (1n << BigInt(128 - bits)) - 1n;
  const start = value & ~hostMask;
  return { version: 6, start, end: start | hostMask };
}

/** Joins four big-endian 32-bit words into one 128-bit number (build time only). */
export function wordsToBigInt(w: ArrayLike<number>): bigint {
  return (BigInt(w[0]!) << 96n) | (BigInt(w[1]!) << 64n) | (BigInt(w[2]!) << 32n) | BigInt(w[3]!);
}

/** Formats an IPv6 address given as four words per RFC 5952 (lower case, longest zero run of two or more compressed). */
export function formatIpv6(w: ArrayLike<number>): string {
  for (let k = 0; k < 4; k++) {
    const x = w[k]!;
    groups[2 * k] = x >>> 16;
    groups[2 * k + 1] = x & 0xffff;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let k = 0; k < 8; ) {
    if (groups[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && groups[e] === 0) e++;
    if (e - k > bestLength) {
      bestStart = k;
      bestLength = e - k;
    }
    k = e;
  }
  let out = '';
  for (let k = 0; k < 8; k++) {
    if (k === bestStart) {
      out += '::';
      k += bestLength - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += groups[k]!.toString(16);
  }
  return out;
}

/** Formats an unsigned 32-bit number as dotted decimal. */
export function formatIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}
