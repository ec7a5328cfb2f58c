/**
 * Affiliate-link recognition from `datasets/affiliate-networks.json` plus the merchant
 * domains a caller passes. Compiled once into a host index, so matching a URL costs one
 * lookup per label of its host.
 * @module
 */
import { readFileSync } from 'node:fs';
import type { AffiliateMatch } from './features.js';
import { hostMatches, normalizeHost, parseHttpUrl } from './analyze/domain.js';

/** One URL pattern of a network, as stored in the dataset. */
export interface AffiliatePattern {
  /** `click` sets attribution; `impression` only counts a view; `conversion` reports a sale from the merchant's order page. */
  readonly kind: 'click' | 'impression' | 'conversion';
  /** Hosts (and their subdomains). */
  readonly domains: readonly string[];
  /** Path prefixes; any path when absent. */
  readonly paths?: readonly string[];
  /** Query parameters of which one must be present; none required when absent. */
  readonly query?: readonly string[];
  /** Why the pattern looks like this. */
  readonly note?: string;
  /** The public page this pattern comes from, when not the network's own `source`. */
  readonly source?: string;
}

/** One affiliate network in the dataset. */
export interface AffiliateNetwork {
  /** Stable id used in evidence (`cj`, `amazon`…). */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Public page the formats come from. */
  readonly source: string;
  /** URL patterns, tried in order. */
  readonly patterns: readonly AffiliatePattern[];
}

interface Compiled {
  readonly network: string;
  readonly pattern: AffiliatePattern;
}

let cache: { networks: readonly AffiliateNetwork[]; byDomain: Map<string, Compiled[]> } | undefined;

function load() {
  if (cache !== undefined) return cache;
  const file = new URL('../../datasets/affiliate-networks.json', import.meta.url);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { networks: AffiliateNetwork[] };
  const byDomain = new Map<string, Compiled[]>();
  for (const network of data.networks) {
    for (const pattern of network.patterns) {
      for (const domain of pattern.domains) {
        const list = byDomain.get(domain) ?? [];
        list.push({ network: network.id, pattern });
        byDomain.set(domain, list);
      }
    }
  }
  cache = { networks: Object.freeze(data.networks.map((n) => Object.freeze(n))), byDomain };
  return cache;
}

/** The affiliate networks partnerguard recognises (from `datasets/affiliate-networks.json`). */
export function affiliateNetworks(): readonly AffiliateNetwork[] {
  return load().networks;
}

function patternMatches(pattern: AffiliatePattern, url: URL): boolean {
  if (pattern.paths !== undefined && !pattern.paths.some((p) => url.pathname.startsWith(p))) return false;
  if (pattern.query !== undefined && !pattern.query.some((q) => url.searchParams.has(q))) return false;
  return true;
}

/**
 * Recognises an affiliate URL. `merchantDomains` (registrable domains) count as affiliate
 * clicks when the URL carries a query string — a merchant-run program's `?ref=` link — since a
 * bare link to the merchant's home page attributes nothing.
 */
export function matchAffiliate(raw: string, merchantDomains: readonly string[] = [], base?: string): AffiliateMatch | null {
  const url = parseHttpUrl(raw, base);
  if (url === null) return null;
  const host = normalizeHost(url.hostname);
  const { byDomain } = load();
  // Try the host and each parent domain, most specific first, so `ad.linksynergy.com`
  // (impression) wins over a rule for the whole registrable domain.
  let candidate = host;
  for (;;) {
    const compiled = byDomain.get(candidate);
    if (compiled !== undefined) {
      for (const c of compiled) if (patternMatches(c.pattern, url)) return { network: c.network, kind: c.pattern.kind, host };
    }
    const dot = candidate.indexOf('.');
    if (dot < 0) break;
    candidate = candidate.slice(dot + 1);
  }
  for (const merchant of merchantDomains) {
    if (hostMatches(host, merchant) && url.search.length > 1) return { network: 'merchant', kind: 'click', host };
  }
  return null;
}
