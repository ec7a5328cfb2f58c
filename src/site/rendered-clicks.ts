/**
 * Reads render features as redirect chains: which requests the browser made by itself that
 * reached an affiliate click URL. Shared by `site/click-without-gesture` and by the static
 * rules, which leave a URL to it when the browser proved the same load — one hit per URL.
 * @module
 */
import type { AffiliateMatch, CookieFeature, SiteFeatures } from './features.js';
import type { RenderedElement, RenderedRequest } from './render-features.js';

/** One chain of requests the browser made without a gesture that reached a click URL. */
export interface RenderedClickChain {
  /** The click URL (the first click hop of the chain). */
  readonly url: string;
  /** Its recognition. */
  readonly affiliate: AffiliateMatch;
  /** The last request of the chain (type, frame, initiator, element). */
  readonly request: RenderedRequest;
  /** Every URL of the chain with its status (`302 https://…`, `refused https://…`). */
  readonly hops: readonly string[];
  /** Every URL of the chain. */
  readonly urls: readonly string[];
  /** Cookies the chain's responses tried to set. */
  readonly cookies: readonly CookieFeature[];
  /** The element or frame that caused it, when known. */
  readonly element: RenderedElement | null;
}

function counts(request: RenderedRequest, match: AffiliateMatch | null): match is AffiliateMatch {
  if (match?.kind !== 'click') return false;
  // A merchant URL with a query is a click only as a document: images and scripts with `?w=300` are not.
  return match.network !== 'merchant' || request.navigation;
}

/** The favicon Chromium asks every host it navigated to for: the browser's request, not the page's. */
function browserOwn(r: RenderedRequest): boolean {
  return r.type === 'other' && r.initiator.type === 'other' && r.redirectedFrom.length === 0 && r.url.endsWith('/favicon.ico') && new URL(r.url).pathname === '/favicon.ico';
}

/** The click chains the browser followed without a gesture, in request order. */
export function renderedClickChains(features: Pick<SiteFeatures, 'render'>): RenderedClickChain[] {
  const requests = features.render?.requests ?? [];
  const byUrl = new Map<string, RenderedRequest>();
  for (const r of requests) if (!byUrl.has(r.url)) byUrl.set(r.url, r);
  // Keep the longest chain per start: a chain's earlier hops are requests of their own.
  const longest = new Map<string, RenderedRequest>();
  for (const r of requests) {
    if (browserOwn(r)) continue;
    const key = `${r.type}\n${r.frameUrl}\n${r.redirectedFrom[0] ?? r.url}`;
    const seen = longest.get(key);
    if (seen === undefined || seen.redirectedFrom.length < r.redirectedFrom.length) longest.set(key, r);
  }
  const chains: RenderedClickChain[] = [];
  for (const last of longest.values()) {
    const urls = [...last.redirectedFrom, last.url];
    const hopsOf = urls.map((u) => (u === last.url ? last : (byUrl.get(u) ?? null)));
    const index = hopsOf.findIndex((r, i) => counts(last, r?.affiliate ?? (i === urls.length - 1 ? last.affiliate : null)));
    if (index < 0) continue;
    const clickRequest = hopsOf[index] ?? last;
    chains.push({
      url: urls[index]!,
      affiliate: clickRequest.affiliate!,
      request: last,
      hops: hopsOf.map((r, i) => `${r?.refused === null || r === null ? (r?.status ?? '?') : 'refused'} ${urls[i]}`),
      urls,
      cookies: hopsOf.flatMap((r) => r?.cookies ?? []),
      element: last.element ?? hopsOf.find((r) => r?.element != null)?.element ?? null,
    });
  }
  return chains;
}

/** Every URL of every rendered click chain: static rules skip these, the browser's hit covers them. */
export function renderedClickUrls(features: Pick<SiteFeatures, 'render'>): ReadonlySet<string> {
  return new Set(renderedClickChains(features).flatMap((c) => c.urls));
}

/**
 * Whether the browser proved `url`: it is one of `rendered`, or — for a URL read out of a
 * script, often only the literal start of what the script assembles — the start of one.
 */
export function provenByBrowser(rendered: ReadonlySet<string>, url: string): boolean {
  if (rendered.has(url)) return true;
  for (const r of rendered) if (r.startsWith(url)) return true;
  return false;
}
