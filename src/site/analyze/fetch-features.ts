/**
 * What the fetch layer and the probes recorded, as features: cookies, hops, the final
 * response, the domain.
 * @module
 */
import { matchAffiliate } from '../affiliate-networks.js';
import { domainLabel, parseHttpUrl, registrableDomain, toUnicodeHost } from './domain.js';
import type { FetchedSite, FetchHop, ProbeResult, SetCookieInfo } from '../fetch-types.js';
import type { CookieFeature, DomainFeatures, FetchFeatures, HopFeature, ProbeFeature } from '../features.js';

/** Cookies as features; a cookie without a recorded setter was set by `fallbackHost`. */
export function cookieFeatures(cookies: readonly SetCookieInfo[], fallbackHost: string): CookieFeature[] {
  return cookies.map((c) => ({ name: c.name, domain: c.domain, setBy: c.setBy ?? fallbackHost }));
}

/** Redirect hops as features, each matched against the affiliate networks. */
export function hopFeatures(hops: readonly FetchHop[], merchants: readonly string[]): HopFeature[] {
  return hops.map((h) => {
    const host = parseHttpUrl(h.url)?.hostname ?? '';
    return { url: h.url, status: h.status, location: h.location, cookies: cookieFeatures(h.setCookies, host), affiliate: matchAffiliate(h.url, merchants) };
  });
}

/** What the fetch recorded, as features. */
export function fetchFeatures(fetched: FetchedSite, merchants: readonly string[]): FetchFeatures {
  const f = fetched.failure;
  return {
    outcome: f === null ? 'ok' : f.code === 'refused' ? 'refused' : 'failed',
    failureCode: f?.code ?? null,
    refusalReason: f?.reason ?? null,
    message: f?.message ?? null,
    address: f?.address ?? null,
    status: fetched.status,
    contentType: fetched.contentType,
    bodyBytes: fetched.bodyBytes,
    truncated: fetched.truncated,
    redirects: hopFeatures(fetched.redirects, merchants),
  };
}

/** The applicant's domain as features (registrable domain, label, punycode). */
export function domainFeatures(url: string): DomainFeatures {
  const parsed = parseHttpUrl(url);
  let host = '';
  let protocol = '';
  if (parsed !== null) {
    host = parsed.hostname.toLowerCase();
    protocol = parsed.protocol;
  } else {
    try {
      const u = new URL(url);
      host = u.hostname.toLowerCase();
      protocol = u.protocol;
    } catch {
      // Not a URL at all: leave the domain empty; the fetch rule reports the bad input.
    }
  }
  const registrable = registrableDomain(host);
  return {
    host,
    unicodeHost: toUnicodeHost(host),
    registrable,
    label: domainLabel(registrable),
    punycode: host.split('.').some((l) => l.startsWith('xn--')),
    protocol,
  };
}


/** Maps `probeUrl` results to features (exported for `screenSite`, which probes after analysing). */
export function probeFeatures(results: readonly ProbeResult[], merchantDomains: readonly string[]): ProbeFeature[] {
  return results.map((p) => ({
    url: p.url,
    affiliate: matchAffiliate(p.url, merchantDomains),
    hops: hopFeatures(p.hops, merchantDomains),
    reachedMerchant: p.reachedMerchant,
    cookies: cookieFeatures(p.affiliateCookies, parseHttpUrl(p.url)?.hostname ?? ''),
    failure: p.failure === null ? null : `${p.failure.code}: ${p.failure.message}`,
  }));
}

