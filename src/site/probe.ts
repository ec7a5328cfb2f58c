/**
 * `probeUrl`: requests one auto-loaded affiliate URL (a hidden iframe's or pixel's `src`, a
 * meta-refresh target…) the way the page would make a browser request it, and follows its
 * redirects only as far as the merchant — proof that the page drops an affiliate cookie
 * without a click. No response body is ever read.
 * @module
 */
import { InputError } from '../engine/errors.js';
import type { ProbeOptions, ProbeResult } from './fetch-types.js';
import { discard } from './fetch/body.js';
import { Session } from './fetch/session.js';

function normalizeDomain(value: unknown, index: number): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`options.merchantDomains[${index}] must be a non-empty domain such as "shop.example"`, { location: `options.merchantDomains[${index}]` });
  }
  let domain = value.trim().toLowerCase();
  if (domain.includes('/')) {
    // Accept a URL for convenience; only its host matters.
    try {
      domain = new URL(domain).hostname;
    } catch {
      throw new InputError(`options.merchantDomains[${index}] is neither a domain nor a URL: ${JSON.stringify(value)}`, { location: `options.merchantDomains[${index}]` });
    }
  }
  return domain.replace(/^\*?\./u, '').replace(/\.$/u, '');
}

/** The merchant domain a host belongs to (itself or a subdomain), or null. */
function merchantOf(host: string, domains: readonly string[]): string | null {
  const bare = host.replace(/\.$/u, '').toLowerCase();
  return domains.find((d) => bare === d || bare.endsWith(`.${d}`)) ?? null;
}

/**
 * Probes an auto-loaded affiliate URL: GET it, then follow redirects hop by hop — each hop
 * checked by the SSRF guard and recorded with its `Set-Cookie` headers — until a host in
 * `merchantDomains` answers (that response's body is destroyed unread), a non-redirect
 * answers, or a limit is hit. Cookies are sent back along the chain as a browser would.
 *
 * Like `fetchSite`, it resolves with `failure` set rather than rejecting for anything the
 * remote side does.
 * @param url - The affiliate URL found in the page (absolute).
 * @param options - Fetch options plus `merchantDomains`. Pass `headers: { referer }` to send the page as referrer.
 * @returns The hops, the merchant reached (if any) and every cookie set along the way.
 * @throws InputError when `url` is not a string or options are malformed.
 */
export async function probeUrl(url: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  if (typeof url !== 'string') throw new InputError(`url must be a string, got ${typeof url}`, { location: 'url' });
  if (options.merchantDomains !== undefined && !Array.isArray(options.merchantDomains)) {
    throw new InputError('options.merchantDomains must be an array of domains', { location: 'options.merchantDomains' });
  }
  const domains = (options.merchantDomains ?? []).map(normalizeDomain);
  const session = new Session(options);
  try {
    let reached: string | null = null;
    let reachedUrl: string | null = null;
    const followed = await session.follow(url, (response) => {
      reached = merchantOf(response.url.hostname, domains);
      if (reached !== null) reachedUrl = response.url.href;
      return reached !== null;
    });
    // The probe is about redirects and cookies: the last body (merchant page or network page) stays unread.
    if (followed.last !== null) discard(followed.last.body);
    return {
      url,
      hops: followed.hops,
      reachedMerchant: reached,
      reachedMerchantUrl: reachedUrl,
      affiliateCookies: followed.hops.flatMap((hop) => hop.setCookies),
      failure: followed.failure,
    };
  } finally {
    session.close();
  }
}
