/**
 * Host-name helpers: registrable domain (eTLD+1) from a small built-in suffix list, and
 * suffix matching. A full Public Suffix List is not needed for screening: the rules only ask
 * "same site or not" and "which brand-like label", and the common two-level suffixes cover that.
 * @module
 */
import { domainToUnicode } from 'node:url';

// Two-level public suffixes common in affiliate traffic; anything else is treated as one level.
const TWO_LEVEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'me.uk', 'ac.uk', 'gov.uk', 'ltd.uk', 'plc.uk',
  'com.au', 'net.au', 'org.au', 'co.nz', 'org.nz', 'co.jp', 'ne.jp', 'or.jp',
  'co.in', 'net.in', 'org.in', 'com.br', 'net.br', 'com.mx', 'com.ar', 'com.co',
  'co.za', 'com.tr', 'com.cn', 'com.hk', 'com.sg', 'com.my', 'com.tw', 'co.kr',
  'com.be', 'com.pl', 'com.ua', 'co.il', 'com.sa', 'com.eg', 'co.id', 'com.ph',
  'github.io', 'blogspot.com', 'herokuapp.com', 'netlify.app', 'vercel.app', 'pages.dev', 'web.app',
]);

/** Lower-cases a host and strips a trailing dot and a leading `www.`. */
export function normalizeHost(host: string): string {
  let h = host.toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h.startsWith('[')) return h;
  return h.startsWith('www.') ? h.slice(4) : h;
}

/** Whether `host` is `domain` or a subdomain of it. */
export function hostMatches(host: string, domain: string): boolean {
  return host === domain || (host.length > domain.length && host.endsWith(domain) && host.charCodeAt(host.length - domain.length - 1) === 46);
}

/** True for IPv4 literals and bracketed or bare IPv6 literals. */
export function isIpLiteral(host: string): boolean {
  return host.includes(':') || /^\d{1,3}(?:\.\d{1,3}){3}$/u.test(host);
}

/** The registrable domain (eTLD+1) of a host; IP literals and single labels are returned as they are. */
export function registrableDomain(host: string): string {
  const h = normalizeHost(host);
  if (isIpLiteral(h)) return h;
  const labels = h.split('.');
  if (labels.length <= 2) return h;
  const lastTwo = labels.slice(-2).join('.');
  const take = TWO_LEVEL_SUFFIXES.has(lastTwo) ? 3 : 2;
  return labels.slice(-take).join('.');
}

/** The first label of the registrable domain (`example` for `shop.example.co.uk`). */
export function domainLabel(registrable: string): string {
  return registrable.split('.')[0] ?? registrable;
}

/** Decodes punycode labels to Unicode (`xn--pple-43d.com` → `аpple.com`); invalid input is returned unchanged. */
export function toUnicodeHost(host: string): string {
  const decoded = domainToUnicode(host);
  return decoded === '' ? host : decoded;
}

/** Parses an http(s) URL (optionally relative to `base`); null for anything else. */
export function parseHttpUrl(raw: string, base?: string): URL | null {
  try {
    const url = base === undefined ? new URL(raw) : new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
