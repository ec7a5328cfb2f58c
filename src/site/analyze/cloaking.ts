/**
 * The cloaking check: the browser copy's features against the crawler copy's page.
 * @module
 */
import type { CloakingFeature, SiteFeatures } from '../features.js';
import { type AnalyzeOptions } from './options.js';
import { autoLoadedAffiliateUrls } from './auto-loaded.js';
import { analyzeSite } from './analyze-site.js';

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter += 1;
  return Math.round((inter / (a.size + b.size - inter)) * 1000) / 1000;
}

function wordSet(text: string, max = 20_000): Set<string> {
  const set = new Set<string>();
  for (const w of text.split(' ')) {
    if (w.length < 3) continue;
    set.add(w);
    if (set.size >= max) break;
  }
  return set;
}


/** Compares the browser copy's features with the crawler copy's HTML (exported for `screenSite`). */
export function compareCloaking(features: SiteFeatures, crawlerHtml: string, options: AnalyzeOptions = {}): CloakingFeature {
  const crawler = analyzeSite({ html: crawlerHtml, url: features.url }, { ...options, snapshot: false });
  const crawlerUrls = new Set(autoLoadedAffiliateUrls(crawler));
  return {
    textSimilarity: jaccard(wordSet(features.content.text), wordSet(crawler.content.text)),
    affiliateOnlyForBrowser: autoLoadedAffiliateUrls(features).filter((u) => !crawlerUrls.has(u)),
    crawlerWordCount: crawler.content.wordCount,
  };
}

