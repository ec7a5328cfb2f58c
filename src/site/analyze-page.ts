/**
 * `analyzePage`: {@link analyzeSite} plus what a page embeds without a plain URL attribute —
 * `srcdoc` documents (analysed as part of the page), Flash parameters holding click URLs,
 * and a `Refresh` response header — and the hidden same-site loads `screenSite` follows.
 * @module
 */
import { matchAffiliate } from './affiliate-networks.js';
import { analyzeSite } from './analyze/analyze-site.js';
import { parseMetaRefresh } from './analyze/markup.js';
import type { AnalyzeInput, AnalyzeOptions } from './analyze/options.js';
import { parseHttpUrl } from './analyze/domain.js';
import { readEmbedded, type SameSiteLoad } from './analyze/embedded.js';
import type { ElementFeature, HiddenReason, InlineScriptFeature, MetaRefreshFeature, SiteFeatures } from './features.js';

/** What {@link analyzePage} returns. */
export interface AnalyzedPage {
  /** The page's features, embedded documents merged in. */
  readonly features: SiteFeatures;
  /** Frames and images on the applicant's own domain (hidden or not), for `screenSite` to follow the hidden ones. */
  readonly sameSite: readonly SameSiteLoad[];
}

const MAX_SRCDOC_DEPTH = 3;

/** Elements, refreshes and scripts of a document embedded in the page, as the page's own. */
export interface EmbeddedParts {
  /** Affiliate elements. */
  readonly elements: readonly ElementFeature[];
  /** Scripts with findings. */
  readonly scripts: readonly InlineScriptFeature[];
}

/**
 * Re-homes a frame's findings in its parent page: a hidden frame hides everything in it, and
 * a meta refresh inside a frame navigates that frame, which is a frame loading the URL.
 */
export function asFrameContent(child: SiteFeatures, prefix: string, frameHidden: readonly HiddenReason[], scriptOffset: number): EmbeddedParts {
  const hide = (reasons: readonly HiddenReason[]): HiddenReason[] => [...new Set<HiddenReason>([...reasons, ...(frameHidden.length > 0 ? ['hidden-ancestor' as const] : [])])].sort();
  const elements: ElementFeature[] = child.elements.map((e) => ({ ...e, attribute: `${prefix}>${e.attribute}`, hidden: e.hidden || frameHidden.length > 0, hiddenReasons: hide(e.hiddenReasons) }));
  for (const m of child.metaRefresh) {
    if (m.url === null || m.affiliate === null) continue;
    elements.push({ tag: 'iframe', url: m.url, attribute: `${prefix}>meta-refresh`, index: -1, hidden: frameHidden.length > 0, hiddenReasons: hide([]), width: null, height: null, inNoscript: m.inNoscript, rel: null, affiliate: m.affiliate, snippet: `<meta http-equiv="refresh" content="${m.delaySeconds};url=${m.url.slice(0, 300)}">` });
  }
  return { elements, scripts: child.scripts.map((s) => ({ ...s, index: s.index + scriptOffset })) };
}

/** Merges embedded parts into a page's features (bounded like the page's own lists). */
export function mergeParts(features: SiteFeatures, parts: readonly EmbeddedParts[], extraRefresh: readonly MetaRefreshFeature[] = []): SiteFeatures {
  if (parts.length === 0 && extraRefresh.length === 0) return features;
  return {
    ...features,
    elements: [...features.elements, ...parts.flatMap((p) => p.elements)].slice(0, 500),
    scripts: [...features.scripts, ...parts.flatMap((p) => p.scripts)].slice(0, 50),
    metaRefresh: [...extraRefresh, ...features.metaRefresh].slice(0, 20),
  };
}

/**
 * Analyses a page with its embedded documents. Pure; deterministic.
 * @param input - As for {@link analyzeSite}.
 * @param options - As for {@link analyzeSite}.
 * @param depth - `srcdoc` nesting so far (internal).
 */
export function analyzePage(input: AnalyzeInput, options: AnalyzeOptions = {}, depth = 0): AnalyzedPage {
  const features = analyzeSite(input, options);
  if (input.html === null || !features.analysed) return { features, sameSite: [] };
  const embedded = readEmbedded(input.html, features.finalUrl, features.merchantDomains);
  const parts: EmbeddedParts[] = [];
  let offset = features.inlineScriptCount;
  if (depth < MAX_SRCDOC_DEPTH) {
    for (const [i, doc] of embedded.srcdocs.entries()) {
      const child = analyzePage({ html: doc.html, url: features.finalUrl }, { ...options, snapshot: false }, depth + 1).features;
      parts.push(asFrameContent(child, `srcdoc#${i}`, doc.hiddenReasons, offset));
      offset += child.inlineScriptCount;
    }
  }
  // A Flash banner's clickTAG is where a click goes; only a hidden movie holding one is stuffing.
  const flash: ElementFeature[] = embedded.flash
    .filter((f) => f.hiddenReasons.length > 0)
    .map((f) => ({ tag: f.tag, url: f.url, attribute: f.attribute, index: -1, hidden: true, hiddenReasons: [...f.hiddenReasons], width: null, height: null, inNoscript: false, rel: null, affiliate: f.affiliate, snippet: f.snippet }));
  if (flash.length > 0) parts.push({ elements: flash, scripts: [] });
  const refresh: MetaRefreshFeature[] = [];
  const header = input.fetched?.headers.refresh;
  const parsed = header === undefined ? null : parseMetaRefresh(header);
  if (parsed !== null) {
    const url = parsed.url === null ? null : (parseHttpUrl(parsed.url, features.finalUrl)?.href ?? null);
    refresh.push({ delaySeconds: parsed.delay, url, inNoscript: false, affiliate: url === null ? null : matchAffiliate(url, features.merchantDomains) });
  }
  return { features: mergeParts(features, parts, refresh), sameSite: embedded.sameSite };
}
