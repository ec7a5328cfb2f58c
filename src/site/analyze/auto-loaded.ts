/**
 * The affiliate click URLs a page makes the browser load by itself.
 * @module
 */
import { LOADING_LINK_RELS } from './link-rels.js';
import type { SiteFeatures } from '../features.js';

/**
 * URLs the page makes the browser load by itself that are affiliate *click* URLs: hidden or
 * visible iframes, images, scripts, loading `<link>`s, meta refreshes and URLs in inline
 * scripts. These are what probes request and what the cloaking check compares. Sorted.
 */
export function autoLoadedAffiliateUrls(features: Pick<SiteFeatures, 'elements' | 'metaRefresh' | 'scripts'>): string[] {
  const urls = new Set<string>();
  for (const e of features.elements) {
    if (e.affiliate?.kind !== 'click' || e.tag === 'a' || e.tag === 'area' || e.tag === 'form') continue;
    if (e.tag === 'link' && !LOADING_LINK_RELS.some((r) => (e.rel ?? '').split(/\s+/u).includes(r))) continue;
    urls.add(e.url);
  }
  for (const m of features.metaRefresh) if (m.url !== null && m.affiliate?.kind === 'click') urls.add(m.url);
  for (const s of features.scripts) for (const u of s.affiliateUrls) urls.add(u.url);
  return [...urls].sort();
}

