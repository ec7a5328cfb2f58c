/**
 * `Set-Cookie` parsing for the redirect record, and a minimal cookie jar so redirect chains
 * that check for their own cookie (set, redirect, read back) behave as in a browser.
 * @module
 */
import type { SetCookieInfo } from '../fetch-types.js';

/** A cookie kept by {@link CookieJar}: what is needed to send it back. */
interface JarCookie {
  name: string;
  value: string;
  /** Domain attribute without leading dot, or null for host-only. */
  domain: string | null;
  host: string;
  path: string;
}

/** Most cookies kept per fetch; a hostile chain cannot grow the jar beyond this. */
const MAX_JAR_COOKIES = 200;

/**
 * Parses one `Set-Cookie` header value into the fields the screener records.
 * @param header - The header value.
 * @param setBy - Host of the response that carried it.
 * @param now - Current time in ms, for `Expires`.
 * @returns The parsed cookie, with its value (kept for the jar, not part of {@link SetCookieInfo}).
 */
export function parseSetCookie(header: string, setBy: string, now = Date.now()): SetCookieInfo & { value: string } {
  const parts = header.split(';');
  const first = parts[0] ?? '';
  const eq = first.indexOf('=');
  // RFC 6265bis: a pair without `=` is a cookie with an empty name.
  const name = eq === -1 ? '' : first.slice(0, eq).trim();
  const value = eq === -1 ? first.trim() : first.slice(eq + 1).trim();
  let domain: string | null = null;
  let path: string | null = null;
  let maxAge: number | null = null;
  let expires: number | null = null;
  for (const attribute of parts.slice(1)) {
    const at = attribute.indexOf('=');
    const key = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const val = at === -1 ? '' : attribute.slice(at + 1).trim();
    if (key === 'domain' && val !== '') domain = val.toLowerCase();
    else if (key === 'path' && val !== '') path = val;
    else if (key === 'max-age' && /^-?\d{1,12}$/u.test(val)) maxAge = Number(val);
    else if (key === 'expires') {
      const t = Date.parse(val);
      if (!Number.isNaN(t)) expires = Math.round((t - now) / 1000);
    }
  }
  return { name, value, domain, path, maxAgeSeconds: maxAge ?? expires, setBy };
}

function domainMatches(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** A small in-memory jar: enough to send cookies back along one redirect chain. */
export class CookieJar {
  private readonly cookies: JarCookie[] = [];

  /** Stores a parsed cookie (or removes it when it is already expired). */
  store(cookie: SetCookieInfo & { value: string }, host: string, requestPath: string): void {
    const domain = cookie.domain === null ? null : cookie.domain.replace(/^\./u, '');
    // A browser rejects a Domain the response host does not belong to; so do we.
    if (domain !== null && !domainMatches(host, domain)) return;
    const path = cookie.path ?? defaultPath(requestPath);
    const index = this.cookies.findIndex((c) => c.name === cookie.name && c.domain === domain && c.host === host && c.path === path);
    if (index !== -1) this.cookies.splice(index, 1);
    if (cookie.maxAgeSeconds !== null && cookie.maxAgeSeconds <= 0) return;
    if (this.cookies.length >= MAX_JAR_COOKIES) this.cookies.shift();
    this.cookies.push({ name: cookie.name, value: cookie.value, domain, host, path });
  }

  /** The `Cookie` header for a request URL, or null when no cookie applies. */
  header(url: URL, host: string): string | null {
    const matching = this.cookies.filter(
      (c) => (c.domain === null ? c.host === host : domainMatches(host, c.domain)) && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
    );
    if (matching.length === 0) return null;
    return matching.map((c) => (c.name === '' ? c.value : `${c.name}=${c.value}`)).join('; ');
  }
}

function defaultPath(requestPath: string): string {
  const slash = requestPath.lastIndexOf('/');
  return slash <= 0 ? '/' : requestPath.slice(0, slash);
}
