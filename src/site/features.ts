/**
 * `SiteFeatures`: everything the site rules read, as plain JSON-serialisable data.
 *
 * Produced by `analyzeSite` from HTML plus (optionally) what the fetch layer recorded.
 * Because it is plain data, a report can be re-scored under another rule set and every
 * rule can be tested from a hand-written object.
 * @module
 */

import type { RenderFeatures } from './render-features.js';

export type { RenderedElement, RenderedRefusal, RenderedRequest, RenderFeatures, ScriptCookieFeature } from './render-features.js';

/** How an affiliate URL was recognised. */
export interface AffiliateMatch {
  /** Network id from `datasets/affiliate-networks.json`, or `merchant` for a caller's merchant domain. */
  readonly network: string;
  /**
   * `click` for a click/redirect URL (the one that sets the attribution cookie), `impression`
   * for a network's impression pixel, which counts views and sets no sale attribution,
   * `conversion` for a network's sale or lead pixel (on a merchant's order page).
   */
  readonly kind: 'click' | 'impression' | 'conversion';
  /** The URL's host, lower-cased. */
  readonly host: string;
}

/** Why an element counts as hidden; several may apply. */
export type HiddenReason =
  | 'size'
  | 'display-none'
  | 'visibility-hidden'
  | 'opacity-zero'
  | 'off-screen'
  | 'hidden-attribute'
  | 'hidden-class'
  | 'hidden-ancestor'
  | 'clipped';

/** An element that loads (or points at) a URL: iframe, img, script, link, a, form, embed… */
export interface ElementFeature {
  /** Tag name, lower-case (`iframe`, `img`, `script`, `link`, `a`, `form`, `frame`, `embed`, `object`, `source`). */
  readonly tag: string;
  /** The URL it loads, resolved against the page URL (`src`, `href`, `action`, `data`, `data-src`…). */
  readonly url: string;
  /** The attribute the URL came from. */
  readonly attribute: string;
  /** Position among the scanned elements, in document order (stable evidence for reviewers). */
  readonly index: number;
  /** True when any {@link HiddenReason} applies. */
  readonly hidden: boolean;
  /** Why it is hidden, sorted; empty when visible. */
  readonly hiddenReasons: readonly HiddenReason[];
  /** `width` attribute or inline-style width in px, when given. */
  readonly width: number | null;
  /** `height` attribute or inline-style height in px, when given. */
  readonly height: number | null;
  /** Inside a `<noscript>` block (only rendered when scripts are off). */
  readonly inNoscript: boolean;
  /** For `link`: the `rel` value, lower-cased; else null. */
  readonly rel: string | null;
  /** Affiliate recognition of `url`, or null. */
  readonly affiliate: AffiliateMatch | null;
  /** Bounded outer-HTML of the opening tag, for evidence. */
  readonly snippet: string;
}

/** A `<meta http-equiv="refresh">`. */
export interface MetaRefreshFeature {
  /** Delay before the refresh, seconds. */
  readonly delaySeconds: number;
  /** Target URL, resolved, or null for a plain reload. */
  readonly url: string | null;
  /** Inside `<noscript>`. */
  readonly inNoscript: boolean;
  /** Affiliate recognition of `url`. */
  readonly affiliate: AffiliateMatch | null;
}

/** An affiliate URL found inside an inline script without running it. */
export interface ScriptUrlFeature {
  /** The URL as decoded. */
  readonly url: string;
  /** How it was written: a plain literal, a `+` concatenation, base64 (`atob`), `\x`/`\u` escapes, `String.fromCharCode`. */
  readonly encoding: 'literal' | 'concat' | 'base64' | 'escape' | 'char-codes';
  /** Affiliate recognition. */
  readonly affiliate: AffiliateMatch;
}

/** Sinks an inline script uses: what it would do with a URL. */
export interface ScriptSinks {
  /** Elements created: `iframe`, `img`, `script` (`new Image()` counts as `img`). */
  readonly createElement: readonly string[];
  /** `document.write` / `writeln`. */
  readonly documentWrite: boolean;
  /** `innerHTML` / `outerHTML` / `insertAdjacentHTML`. */
  readonly innerHtml: boolean;
  /** Assignment to or call on `location` (`location.href =`, `location.replace(` …). */
  readonly location: boolean;
  /** `window.open`. */
  readonly windowOpen: boolean;
  /** `.blur()` / `window.focus()` next to `window.open`: the pop-under trick. */
  readonly popUnder: boolean;
  /** `setTimeout` / `setInterval`. */
  readonly timer: boolean;
  /** `fetch(`, `sendBeacon(`, `XMLHttpRequest`. */
  readonly request: boolean;
  /** A document- or window-level click/mousedown listener (first click anywhere opens something). */
  readonly anyClickListener: boolean;
  /** Auto-loading tags written inside the script's strings (`'<iframe src=…'`), sorted. */
  readonly markupTags: readonly string[];
}

/** Obfuscation markers in an inline script. */
export interface ObfuscationMarkers {
  /** `eval(` or `new Function(` / `Function(`. */
  readonly eval: boolean;
  /** Longest run of `\xNN` escapes, in escapes. */
  readonly hexRun: number;
  /** Longest run of base64 alphabet characters inside a string literal. */
  readonly base64Run: number;
  /** Largest number of arguments to one `String.fromCharCode(…)`. */
  readonly charCodeRun: number;
  /** The Dean Edwards packer signature `function(p,a,c,k,e,`. */
  readonly packer: boolean;
  /** Count of obfuscator-style identifiers (`_0x1a2b`). */
  readonly hexIdentifiers: number;
}

/** One inline `<script>` block. */
export interface InlineScriptFeature {
  /** Index of the block among inline scripts, in document order. */
  readonly index: number;
  /** Characters in the block. */
  readonly length: number;
  /** True when the block was longer than the read cap and only its start was analysed. */
  readonly truncated: boolean;
  /** Affiliate URLs found in its string literals (decoded). */
  readonly affiliateUrls: readonly ScriptUrlFeature[];
  /** What the script does with URLs. */
  readonly sinks: ScriptSinks;
  /** Obfuscation markers. */
  readonly obfuscation: ObfuscationMarkers;
}

/** A `Set-Cookie` seen in a redirect chain. */
export interface CookieFeature {
  /** Cookie name. */
  readonly name: string;
  /** `Domain` attribute, or null for host-only. */
  readonly domain: string | null;
  /** Host of the response that set it. */
  readonly setBy: string;
}

/** One hop of a redirect chain. */
export interface HopFeature {
  /** URL requested. */
  readonly url: string;
  /** Response status. */
  readonly status: number;
  /** `Location`, or null. */
  readonly location: string | null;
  /** Cookies this hop set. */
  readonly cookies: readonly CookieFeature[];
  /** Affiliate recognition of `url`. */
  readonly affiliate: AffiliateMatch | null;
}

/** What fetching the page recorded; null in features built by `analyzeHtml` without a fetch. */
export interface FetchFeatures {
  /** `ok`, or why not. */
  readonly outcome: 'ok' | 'refused' | 'failed';
  /** Failure code from the fetch layer (`refused`, `timeout`, `too-large`, `http-error`…), or null. */
  readonly failureCode: string | null;
  /** Refusal reason (`private-address`, `scheme`…), or null. */
  readonly refusalReason: string | null;
  /** Failure message, or null. */
  readonly message: string | null;
  /** The refused address, or null. */
  readonly address: string | null;
  /** Final HTTP status, or null. */
  readonly status: number | null;
  /** Media type of the final response, or null. */
  readonly contentType: string | null;
  /** Body bytes read (after decompression). */
  readonly bodyBytes: number;
  /** Whether the body cap cut the page. */
  readonly truncated: boolean;
  /** Every hop, the final one included. */
  readonly redirects: readonly HopFeature[];
}

/** What probing one auto-loaded affiliate URL showed. */
export interface ProbeFeature {
  /** The URL probed. */
  readonly url: string;
  /** Affiliate recognition of the probed URL. */
  readonly affiliate: AffiliateMatch | null;
  /** Hops followed. */
  readonly hops: readonly HopFeature[];
  /** Merchant domain reached, or null. */
  readonly reachedMerchant: string | null;
  /** Cookies set along the chain by networks or the merchant. */
  readonly cookies: readonly CookieFeature[];
  /** Why the probe stopped early, or null. */
  readonly failure: string | null;
}

/** Comparison of the page as a browser and as a search crawler saw it. */
export interface CloakingFeature {
  /** Jaccard similarity of the two pages' visible word sets, 0–1. */
  readonly textSimilarity: number;
  /** Auto-loaded affiliate URLs the browser saw and the crawler did not. */
  readonly affiliateOnlyForBrowser: readonly string[];
  /** Visible words on the crawler's copy. */
  readonly crawlerWordCount: number;
}

/** A parked-domain signature that matched. */
export interface ParkedMatch {
  /** Signature id from `datasets/parking-signatures.json`. */
  readonly id: string;
  /** `text` (visible text) or `resource` (a script, iframe or link to a parking service). */
  readonly kind: 'text' | 'resource';
  /** The matched phrase or host. */
  readonly match: string;
  /** A weak signature ('related searches') that only counts next to another. */
  readonly weak: boolean;
}

/** A placeholder phrase that matched. */
export interface PlaceholderMatch {
  /** Phrase id from `datasets/placeholder-text.json`. */
  readonly id: string;
  /** The phrase. */
  readonly phrase: string;
  /** A weak phrase ('coming soon') that only counts on a thin page. */
  readonly weak: boolean;
}

/** Text-level quality features. */
export interface ContentFeatures {
  /** `<title>`, trimmed and bounded. */
  readonly title: string;
  /** Words of visible text (not in script/style/template/hidden elements). */
  readonly wordCount: number;
  /** Visible text, lower-cased, whitespace-collapsed and bounded, for term rules. */
  readonly text: string;
  /** Whether `text` was cut at its bound. */
  readonly textTruncated: boolean;
  /** Placeholder phrases found. */
  readonly placeholders: readonly PlaceholderMatch[];
  /** Parked-domain signatures found. */
  readonly parked: readonly ParkedMatch[];
}

/** Links (`<a href>`) on the page. */
export interface LinkFeatures {
  /** Anchors with an http(s) href. */
  readonly total: number;
  /** Anchors to another registrable domain. */
  readonly outbound: number;
  /** Anchors recognised as affiliate clicks. */
  readonly affiliate: number;
  /** Of those, how many are visible. */
  readonly affiliateVisible: number;
  /** Outbound registrable domains with anchor counts, most linked first, bounded. */
  readonly outboundDomains: ReadonlyArray<{ readonly domain: string; readonly count: number }>;
  /** Affiliate networks linked, with counts, sorted by network id. */
  readonly networks: ReadonlyArray<{ readonly network: string; readonly count: number }>;
  /** Links to policy and trust pages. */
  readonly policy: {
    /** Privacy policy. */
    readonly privacy: boolean;
    /** Contact page. */
    readonly contact: boolean;
    /** About page / imprint. */
    readonly about: boolean;
    /** Terms of use. */
    readonly terms: boolean;
  };
}

/** The applicant's domain, for brand-similarity rules. */
export interface DomainFeatures {
  /** Host of the final URL, lower-cased (punycode form). */
  readonly host: string;
  /** Host with punycode labels decoded to Unicode. */
  readonly unicodeHost: string;
  /** Registrable domain (eTLD+1, from a small built-in suffix list). */
  readonly registrable: string;
  /** The registrable domain's first label (`example` for `example.co.uk`). */
  readonly label: string;
  /** Whether any label is punycode (`xn--`). */
  readonly punycode: boolean;
  /** `https:`, `http:`… of the final URL. */
  readonly protocol: string;
}

/** A sanitised, bounded HTML snapshot for reviewers. */
export interface SnapshotFeature {
  /** DOMPurify output, bounded. */
  readonly html: string;
  /** Elements and attributes DOMPurify removed. */
  readonly removed: number;
  /** Whether the input or the output was cut at its bound. */
  readonly truncated: boolean;
}

/** Bounds hit while analysing; each limit is recorded rather than failing. */
export interface AnalysisLimits {
  /** Elements visited. */
  readonly elementsScanned: number;
  /** True when the element cap stopped the scan. */
  readonly elementLimitHit: boolean;
  /** Deepest element nesting seen (up to the cap). */
  readonly maxDepth: number;
  /** Inline scripts longer than the read cap. */
  readonly scriptsTruncated: number;
  /** Inline scripts skipped because the script-count cap was hit. */
  readonly scriptsSkipped: number;
}

/** The overall time budget of one `screenSite` call, and which stages it cut short. */
export interface DeadlineFeature {
  /** The budget, ms. */
  readonly ms: number;
  /** Stages the budget ran out in (`fetch`, `frames`, `probes`, `cloaking`, `render`), in pipeline order; empty when it held. */
  readonly ranOut: readonly string[];
}

/** Everything the site rules read. Plain data; `JSON.parse(JSON.stringify(f))` equals `f`. */
export interface SiteFeatures {
  /** The URL screened (as given). */
  readonly url: string;
  /** The URL the page was finally served from. */
  readonly finalUrl: string;
  /** The applicant's domain. */
  readonly domain: DomainFeatures;
  /** Merchant registrable domains the caller passed (sorted). */
  readonly merchantDomains: readonly string[];
  /** Merchant brand terms the caller passed (lower-cased, sorted). */
  readonly brandTerms: readonly string[];
  /** What the fetch recorded, or null without a fetch. */
  readonly fetch: FetchFeatures | null;
  /** Whether HTML was analysed (false for refused/failed fetches and non-HTML bodies). */
  readonly analysed: boolean;
  /**
   * Elements (not anchors) whose URL is an affiliate or merchant URL — iframe, img, script,
   * link, form, embed… — in document order, bounded. Anchors are summarised in `links`.
   */
  readonly elements: readonly ElementFeature[];
  /** Per tag: elements seen and how many of them were hidden (iframe, img, script, link, form, a…). */
  readonly elementCounts: { readonly [tag: string]: { readonly total: number; readonly hidden: number } };
  /** Meta refreshes. */
  readonly metaRefresh: readonly MetaRefreshFeature[];
  /** Inline scripts with findings (affiliate URLs, sinks or obfuscation); quiet scripts are counted only. */
  readonly scripts: readonly InlineScriptFeature[];
  /** Inline scripts seen. */
  readonly inlineScriptCount: number;
  /** `<noscript>` blocks seen. */
  readonly noscriptCount: number;
  /** Anchor statistics. */
  readonly links: LinkFeatures;
  /** Text quality. */
  readonly content: ContentFeatures;
  /** Probes of auto-loaded affiliate URLs (empty unless probing was on). */
  readonly probes: readonly ProbeFeature[];
  /** Cloaking comparison, or null unless the cloaking check ran. */
  readonly cloaking: CloakingFeature | null;
  /** Sanitised evidence snapshot. */
  readonly snapshot: SnapshotFeature;
  /** Bounds hit. */
  readonly limits: AnalysisLimits;
  /** What loading the page in Chromium showed, or null unless render mode ran. */
  readonly render: RenderFeatures | null;
  /** The screening's overall deadline, or null outside `screenSite`. */
  readonly deadline: DeadlineFeature | null;
}
