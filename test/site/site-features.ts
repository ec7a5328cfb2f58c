/** Builders of hand-written `SiteFeatures` for rule tests: a clean page, plus parts to override. */
import type { AffiliateMatch, ElementFeature, InlineScriptFeature, RenderedRequest, RenderFeatures, SiteFeatures } from '../../src/site/features.js';

/** A clean, analysed HTTPS page with enough text and every policy link. */
export function siteFeatures(overrides: Partial<SiteFeatures> = {}): SiteFeatures {
  return {
    url: 'https://reviews.test/',
    finalUrl: 'https://reviews.test/',
    domain: { host: 'reviews.test', unicodeHost: 'reviews.test', registrable: 'reviews.test', label: 'reviews', punycode: false, protocol: 'https:' },
    merchantDomains: [],
    brandTerms: [],
    fetch: null,
    analysed: true,
    elements: [],
    elementCounts: {},
    metaRefresh: [],
    scripts: [],
    inlineScriptCount: 0,
    noscriptCount: 0,
    links: { total: 40, outbound: 10, affiliate: 5, affiliateVisible: 5, outboundDomains: [], networks: [], policy: { privacy: true, contact: true, about: true, terms: true } },
    content: { title: 'Best tents of the year', wordCount: 900, text: 'we tested twelve tents in the rain', textTruncated: false, placeholders: [], parked: [] },
    probes: [],
    cloaking: null,
    snapshot: { html: '', removed: 0, truncated: false },
    limits: { elementsScanned: 300, elementLimitHit: false, maxDepth: 12, scriptsTruncated: 0, scriptsSkipped: 0 },
    render: null,
    deadline: null,
    ...overrides,
  };
}

/** A CJ click match. */
export const cjClick: AffiliateMatch = { network: 'cj', kind: 'click', host: 'anrdoezrs.net' };
/** A CJ impression-pixel match. */
export const cjImpression: AffiliateMatch = { network: 'cj', kind: 'impression', host: 'lduhtrp.net' };

/** An element feature with defaults (a hidden 1×1 iframe loading a CJ click URL). */
export function element(overrides: Partial<ElementFeature> = {}): ElementFeature {
  return {
    tag: 'iframe',
    url: 'https://www.anrdoezrs.net/click-1-2',
    attribute: 'src',
    index: 10,
    hidden: true,
    hiddenReasons: ['size'],
    width: 1,
    height: 1,
    inNoscript: false,
    rel: null,
    affiliate: cjClick,
    snippet: '<iframe src="https://www.anrdoezrs.net/click-1-2" width="1" height="1">',
    ...overrides,
  };
}

/** An inline-script feature with no sinks and no markers, overridable. */
export function script(overrides: Partial<Omit<InlineScriptFeature, 'sinks' | 'obfuscation'>> & { sinks?: Partial<InlineScriptFeature['sinks']>; obfuscation?: Partial<InlineScriptFeature['obfuscation']> } = {}): InlineScriptFeature {
  const { sinks, obfuscation, ...rest } = overrides;
  return {
    index: 0,
    length: 200,
    truncated: false,
    affiliateUrls: [{ url: 'https://www.anrdoezrs.net/click-1-2', encoding: 'literal', affiliate: cjClick }],
    ...rest,
    sinks: { createElement: [], documentWrite: false, innerHtml: false, location: false, windowOpen: false, popUnder: false, timer: false, request: false, anyClickListener: false, markupTags: [], ...sinks },
    obfuscation: { eval: false, hexRun: 0, base64Run: 0, charCodeRun: 0, packer: false, hexIdentifiers: 0, ...obfuscation },
  };
}

/** A request the browser made (default: a hidden 1×1 iframe navigating to a CJ click URL). */
export function renderedRequest(overrides: Partial<RenderedRequest> = {}): RenderedRequest {
  return {
    url: 'https://www.anrdoezrs.net/click-1-2',
    type: 'document',
    navigation: true,
    frameUrl: 'https://reviews.test/',
    frameDepth: 0,
    initiator: { type: 'parser', url: 'https://reviews.test/' },
    initiatorChain: ['https://reviews.test/'],
    redirectedFrom: [],
    status: 302,
    refused: null,
    element: { tag: 'iframe', width: 1, height: 1, visible: false },
    affiliate: cjClick,
    cookies: [],
    ...overrides,
  };
}

/** Render features holding `requests`. */
export function renderFeatures(requests: RenderedRequest[], overrides: Partial<RenderFeatures> = {}): RenderFeatures {
  return { outcome: 'ok', message: null, finalUrl: 'https://reviews.test/', requests, requestCount: requests.length, refusedCount: 0, limitsHit: [], bytes: 1000, scriptCookies: [], backstopRefusals: [], ...overrides };
}
