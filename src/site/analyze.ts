/**
 * `analyzeSite`: HTML (plus what the fetch layer recorded) → {@link SiteFeatures}. Pure: no
 * I/O beyond reading the bundled datasets once. Every traversal is iterative and every input
 * is bounded, so hostile pages (10,000-deep nesting, megabytes of script) end in bounded time.
 * @module
 */
import { readFileSync } from 'node:fs';
import { load } from 'cheerio';
import { matchAffiliate } from './affiliate-networks.js';
import { boundHtml } from './analyze/bound-html.js';
import { isElement, type DomNode } from './analyze/dom.js';
import { domainLabel, hostMatches, normalizeHost, parseHttpUrl, registrableDomain, toUnicodeHost } from './analyze/domain.js';
import { analyzeInlineScript, scriptIsNotable } from './analyze/scripts.js';
import { LOADING_LINK_RELS } from './analyze/link-rels.js';
import { sanitizeSnapshot } from './analyze/snapshot.js';
import { containsPhrase, countNormalizedWords, normalizeWords, padWords } from './analyze/text.js';
import { dimensionAttribute, hiddenSelectors, styleVisibility } from './analyze/visibility.js';
import type { FetchedSite, FetchHop, ProbeResult, SetCookieInfo } from './fetch-types.js';
import type {
  AffiliateMatch,
  CloakingFeature,
  CookieFeature,
  DomainFeatures,
  ElementFeature,
  FetchFeatures,
  HiddenReason,
  HopFeature,
  InlineScriptFeature,
  MetaRefreshFeature,
  ParkedMatch,
  PlaceholderMatch,
  ProbeFeature,
  SiteFeatures,
} from './features.js';

/** Bounds of one analysis; every field has a safe default. */
export interface AnalyzeLimits {
  /** Start tags parsed; the rest of the page is cut (`limits.elementLimitHit`). Default 50,000. */
  maxElements?: number;
  /** Nesting depth kept; deeper container tags are dropped, loading tags never. Default 256. */
  maxDepth?: number;
  /** Characters read per inline script. Default 100,000. */
  maxScriptChars?: number;
  /** Inline scripts analysed. Default 200. */
  maxScripts?: number;
  /** Characters of visible text kept in `content.text`. Default 100,000. */
  maxTextChars?: number;
  /** Characters of sanitised snapshot kept. Default 20,000. */
  maxSnapshotChars?: number;
  /** Characters of HTML fed to the sanitiser (twice the kept snapshot is plenty; jsdom is the costly step). Default 40,000. */
  maxSnapshotInputChars?: number;
  /** Affiliate elements kept in `elements`. Default 500. */
  maxElementFeatures?: number;
}

/** Options of {@link analyzeSite}. */
export interface AnalyzeOptions {
  /** Merchant registrable domains (`example-shop.com`): links to them with a query string count as affiliate links. */
  merchantDomains?: readonly string[];
  /** Merchant brand terms for typosquat detection (`exampleshop`). */
  brandTerms?: readonly string[];
  /** Analysis bounds. */
  limits?: AnalyzeLimits;
  /** Build the sanitised snapshot (default true; the cloaking copy skips it). */
  snapshot?: boolean;
}

/** What {@link analyzeSite} reads. */
export interface AnalyzeInput {
  /** The page's HTML, or null when none was fetched (refused, failed, not HTML). */
  html: string | null;
  /** The URL screened. */
  url: string;
  /** What `fetchSite` recorded, when the page was fetched. */
  fetched?: FetchedSite;
  /** Results of probing auto-loaded affiliate URLs. */
  probes?: readonly ProbeResult[];
  /** The page as a search crawler was served it, for the cloaking check. */
  cloakingHtml?: string | null;
}

const DEFAULT_LIMITS: Required<AnalyzeLimits> = {
  maxElements: 50_000,
  maxDepth: 256,
  maxScriptChars: 100_000,
  maxScripts: 200,
  maxTextChars: 100_000,
  maxSnapshotChars: 20_000,
  maxSnapshotInputChars: 40_000,
  maxElementFeatures: 500,
};

// Tags whose URL the browser loads by itself, and the attributes holding it (lazy-loading
// libraries move `src` to `data-src`; the browser still ends up loading it).
const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  iframe: ['src', 'data-src'],
  frame: ['src'],
  img: ['src', 'data-src', 'srcset', 'data-srcset'],
  script: ['src'],
  link: ['href'],
  embed: ['src'],
  object: ['data'],
  source: ['src', 'srcset'],
  input: ['src'],
  video: ['poster'],
  form: ['action'],
  a: ['href'],
  area: ['href'],
};
const SIZED = new Set(['iframe', 'frame', 'img', 'embed', 'object', 'video', 'input']);
const NO_TEXT = new Set(['script', 'style', 'noscript', 'template', 'title', 'textarea', 'head', 'select', 'option', 'svg', 'math']);
const JS_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/ecmascript', 'application/ecmascript', 'text/jscript']);

interface PhraseEntry {
  id: string;
  phrase: string;
  weak?: boolean;
}
interface Datasets {
  placeholders: PhraseEntry[];
  parkedText: PhraseEntry[];
  parkedHosts: Array<{ id: string; host: string }>;
}
let datasets: Datasets | undefined;
function loadDatasets(): Datasets {
  if (datasets !== undefined) return datasets;
  const read = (name: string) => JSON.parse(readFileSync(new URL(`../../datasets/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  const placeholder = read('placeholder-text.json') as { phrases: PhraseEntry[] };
  const parking = read('parking-signatures.json') as { text: PhraseEntry[]; resource: Array<{ id: string; host: string }> };
  datasets = { placeholders: placeholder.phrases, parkedText: parking.text, parkedHosts: parking.resource };
  return datasets;
}

function cookieFeatures(cookies: readonly SetCookieInfo[], fallbackHost: string): CookieFeature[] {
  return cookies.map((c) => ({ name: c.name, domain: c.domain, setBy: c.setBy ?? fallbackHost }));
}

function hopFeatures(hops: readonly FetchHop[], merchants: readonly string[]): HopFeature[] {
  return hops.map((h) => {
    const host = parseHttpUrl(h.url)?.hostname ?? '';
    return { url: h.url, status: h.status, location: h.location, cookies: cookieFeatures(h.setCookies, host), affiliate: matchAffiliate(h.url, merchants) };
  });
}

function fetchFeatures(fetched: FetchedSite, merchants: readonly string[]): FetchFeatures {
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

function domainFeatures(url: string): DomainFeatures {
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

function firstSrcsetUrl(value: string): string {
  return value.trim().split(/\s/u)[0] ?? '';
}

/** Parses a refresh value (`0; url=…`), from a `<meta http-equiv=refresh>` or a `Refresh` header. */
export function parseMetaRefresh(content: string): { delay: number; url: string | null } | null {
  const text = content.trim();
  const sep = text.search(/[;,]/u);
  const delayText = (sep < 0 ? text : text.slice(0, sep)).trim();
  const delay = Number.parseFloat(delayText);
  if (!Number.isFinite(delay)) return null;
  if (sep < 0) return { delay, url: null };
  let rest = text.slice(sep + 1).trim();
  if (rest.toLowerCase().startsWith('url')) {
    rest = rest.slice(3).trim();
    if (rest.startsWith('=')) rest = rest.slice(1).trim();
  }
  if (rest.startsWith('"') || rest.startsWith("'")) {
    const q = rest[0]!;
    const end = rest.indexOf(q, 1);
    rest = end < 0 ? rest.slice(1) : rest.slice(1, end);
  }
  return { delay, url: rest === '' ? null : rest };
}

const POLICY_KEYWORDS = {
  privacy: ['privacy', 'datenschutz', 'confidentialite', 'privacidad', 'privacita', 'gdpr'],
  contact: ['contact', 'kontakt', 'contacto', 'contatti', 'mailto:', 'impressum', 'imprint'],
  about: ['about', 'ueber-uns', 'uber-uns', 'a-propos', 'quienes-somos', 'chi-siamo', 'impressum', 'imprint', 'who-we-are', 'our-team'],
  terms: ['terms', 'conditions', 'tos', 'agb', 'legal', 'disclaimer', 'disclosure', 'mentions-legales', 'aviso-legal'],
} as const;

function directText(node: DomNode): string {
  let text = '';
  for (const child of node.children ?? []) {
    if (child.type === 'text') text += child.data ?? '';
    else if (isElement(child)) for (const g of child.children) if (g.type === 'text') text += g.data ?? '';
    if (text.length > 200) break;
  }
  return text;
}

function snippetOf(name: string, attribs: Record<string, string>): string {
  const attrs = Object.entries(attribs)
    .slice(0, 12)
    .map(([k, v]) => ` ${k}="${v.length > 200 ? `${v.slice(0, 200)}…` : v}"`)
    .join('');
  const s = `<${name}${attrs}>`;
  return s.length > 600 ? `${s.slice(0, 599)}…` : s;
}

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

interface Frame {
  node: DomNode;
  hidden: boolean;
  noscript: boolean;
  noText: boolean;
  depth: number;
}

/**
 * Turns a page into {@link SiteFeatures}. Pure; deterministic for the same input and options.
 * When `input.html` is null (nothing fetched or not HTML) the page features are empty and
 * `analysed` is false.
 */
export function analyzeSite(input: AnalyzeInput, options: AnalyzeOptions = {}): SiteFeatures {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const merchantDomains = [...new Set((options.merchantDomains ?? []).map((d) => registrableDomain(d.trim())))].filter((d) => d !== '').sort();
  const brandTerms = [...new Set((options.brandTerms ?? []).map((t) => t.trim().toLowerCase()))].filter((t) => t !== '').sort();
  const finalUrl = input.fetched?.finalUrl ?? input.url;
  const domain = domainFeatures(finalUrl);
  const fetch = input.fetched === undefined ? null : fetchFeatures(input.fetched, merchantDomains);
  const probes = probeFeatures(input.probes ?? [], merchantDomains);

  const elements: ElementFeature[] = [];
  const metaRefresh: MetaRefreshFeature[] = [];
  const scripts: InlineScriptFeature[] = [];
  const elementCounts: Record<string, { total: number; hidden: number }> = {};
  const outboundCounts = new Map<string, number>();
  const networkCounts = new Map<string, number>();
  const policy = { privacy: false, contact: false, about: false, terms: false };
  const parked: ParkedMatch[] = [];
  const parkedSeen = new Set<string>();
  let linksTotal = 0;
  let linksOutbound = 0;
  let linksAffiliate = 0;
  let linksAffiliateVisible = 0;
  let inlineScriptCount = 0;
  let noscriptCount = 0;
  let scriptsTruncated = 0;
  let scriptsSkipped = 0;
  let title = '';
  const textChunks: string[] = [];
  let textChars = 0;
  const MAX_RAW_TEXT = 2_000_000;

  const html = input.html;
  const bounded = html === null ? null : boundHtml(html, { maxDepth: limits.maxDepth, maxElements: limits.maxElements });
  let elementsScanned = 0;
  let maxDepth = 0;
  let snapshot = { html: '', removed: 0, truncated: false };

  if (bounded !== null) {
    const $ = load(bounded.html, { scriptingEnabled: false });
    const root = $.root()[0] as unknown as DomNode;

    // Pass 1: page-level facts the per-element pass needs (hiding CSS, <base href>).
    let css = '';
    let baseHref: string | null = null;
    const pre: DomNode[] = [root];
    while (pre.length > 0) {
      const node = pre.pop()!;
      if (isElement(node)) {
        if (node.name === 'style' && css.length < 200_000) for (const c of node.children) css += `${c.data ?? ''}\n`;
        if (node.name === 'base' && baseHref === null && node.attribs.href !== undefined) baseHref = node.attribs.href;
      }
      for (const child of node.children ?? []) if (isElement(child) || child.type === 'root') pre.push(child);
    }
    const hiddenCss = hiddenSelectors(css);
    const base = (baseHref === null ? null : parseHttpUrl(baseHref, finalUrl)?.href) ?? finalUrl;
    const resolve = (raw: string): string | null => parseHttpUrl(raw.trim(), base)?.href ?? null;
    const match = (url: string): AffiliateMatch | null => matchAffiliate(url, merchantDomains);

    // Pass 2: document order, parents before children, with inherited visibility.
    const stack: Frame[] = [];
    const top = root.children ?? [];
    for (let i = top.length - 1; i >= 0; i -= 1) stack.push({ node: top[i]!, hidden: false, noscript: false, noText: false, depth: 1 });
    while (stack.length > 0) {
      const frame = stack.pop()!;
      const { node } = frame;
      if (node.type === 'text') {
        if (!frame.hidden && !frame.noText && textChars < MAX_RAW_TEXT) {
          const data = node.data ?? '';
          textChunks.push(data);
          textChars += data.length;
        }
        continue;
      }
      if (!isElement(node)) continue;
      elementsScanned += 1;
      if (frame.depth > maxDepth) maxDepth = frame.depth;
      const tag = node.name;
      const attribs = node.attribs;

      const style = styleVisibility(attribs.style);
      const reasons = new Set<HiddenReason>(style.reasons);
      if (!SIZED.has(tag)) reasons.delete('size');
      const inheritedReasons = new Set<HiddenReason>(style.inherited);
      if (attribs.hidden !== undefined) {
        reasons.add('hidden-attribute');
        inheritedReasons.add('hidden-attribute');
      }
      const classes = (attribs.class ?? '').split(/\s+/u);
      if (classes.some((c) => c !== '' && hiddenCss.classes.has(c)) || (attribs.id !== undefined && hiddenCss.ids.has(attribs.id))) {
        reasons.add('hidden-class');
        inheritedReasons.add('hidden-class');
      }
      const width = dimensionAttribute(attribs.width) ?? style.width;
      const height = dimensionAttribute(attribs.height) ?? style.height;
      if (SIZED.has(tag) && ((width !== null && width <= 1) || (height !== null && height <= 1))) reasons.add('size');
      if (frame.hidden) reasons.add('hidden-ancestor');
      const hidden = reasons.size > 0;
      const count = (elementCounts[tag] ??= { total: 0, hidden: 0 });
      count.total += 1;
      if (hidden) count.hidden += 1;

      if (tag === 'noscript') noscriptCount += 1;
      if (tag === 'title' && title === '') title = directText(node).trim().slice(0, 300);

      // URL-bearing elements.
      const attrNames = URL_ATTRIBUTES[tag];
      if (attrNames !== undefined && !(tag === 'input' && (attribs.type ?? '').toLowerCase() !== 'image')) {
        let chosen: { url: string; attribute: string; affiliate: AffiliateMatch | null } | null = null;
        for (const attribute of attrNames) {
          const raw = attribs[attribute];
          if (raw === undefined || raw.trim() === '') continue;
          const candidates = attribute.endsWith('srcset') ? raw.split(',').map(firstSrcsetUrl) : [raw];
          for (const candidate of candidates) {
            const url = resolve(candidate);
            if (url === null) continue;
            const affiliate = match(url);
            if (chosen === null || (chosen.affiliate === null && affiliate !== null)) chosen = { url, attribute, affiliate };
          }
          if (chosen?.affiliate != null) break;
        }
        if (chosen !== null) {
          const host = normalizeHost(new URL(chosen.url).hostname);
          if (tag === 'a' || tag === 'area') {
            linksTotal += 1;
            const reg = registrableDomain(host);
            if (reg !== domain.registrable) {
              linksOutbound += 1;
              outboundCounts.set(reg, (outboundCounts.get(reg) ?? 0) + 1);
            }
            if (chosen.affiliate?.kind === 'click') {
              linksAffiliate += 1;
              if (!hidden) linksAffiliateVisible += 1;
              networkCounts.set(chosen.affiliate.network, (networkCounts.get(chosen.affiliate.network) ?? 0) + 1);
            }
          } else {
            for (const p of loadDatasets().parkedHosts) {
              if (hostMatches(host, p.host) && !parkedSeen.has(p.id)) {
                parkedSeen.add(p.id);
                parked.push({ id: p.id, kind: 'resource', match: host, weak: false });
              }
            }
          }
          if (chosen.affiliate !== null && tag !== 'a' && tag !== 'area' && elements.length < limits.maxElementFeatures) {
            elements.push({
              tag,
              url: chosen.url,
              attribute: chosen.attribute,
              index: elementsScanned - 1,
              hidden,
              hiddenReasons: [...reasons].sort(),
              width,
              height,
              inNoscript: frame.noscript,
              rel: tag === 'link' ? (attribs.rel ?? '').toLowerCase() : null,
              affiliate: chosen.affiliate,
              snippet: snippetOf(tag, attribs),
            });
          }
        }
        if (tag === 'a' || tag === 'area') {
          const hay = `${(attribs.href ?? '').toLowerCase()} ${directText(node).toLowerCase()} ${(attribs.title ?? '').toLowerCase()}`;
          for (const key of Object.keys(POLICY_KEYWORDS) as Array<keyof typeof POLICY_KEYWORDS>) {
            if (!policy[key] && POLICY_KEYWORDS[key].some((k) => hay.includes(k) || hay.includes(k.replace('-', ' ')))) policy[key] = true;
          }
        }
      }

      if (tag === 'meta' && (attribs['http-equiv'] ?? '').toLowerCase() === 'refresh' && attribs.content !== undefined) {
        const refresh = parseMetaRefresh(attribs.content);
        if (refresh !== null && metaRefresh.length < 20) {
          const url = refresh.url === null ? null : resolve(refresh.url);
          metaRefresh.push({ delaySeconds: refresh.delay, url, inNoscript: frame.noscript, affiliate: url === null ? null : match(url) });
        }
      }

      if (tag === 'script' && attribs.src === undefined && JS_TYPES.has((attribs.type ?? '').trim().toLowerCase())) {
        inlineScriptCount += 1;
        if (inlineScriptCount > limits.maxScripts) {
          scriptsSkipped += 1;
        } else {
          let source = '';
          for (const c of node.children) source += c.data ?? '';
          const analysis = analyzeInlineScript(source, { maxChars: limits.maxScriptChars, match });
          if (analysis.truncated) scriptsTruncated += 1;
          if (scriptIsNotable(analysis) && scripts.length < 50) scripts.push({ ...analysis, index: inlineScriptCount - 1 });
        }
      }

      const childHidden = frame.hidden || inheritedReasons.size > 0;
      const childNoscript = frame.noscript || tag === 'noscript';
      const childNoText = frame.noText || NO_TEXT.has(tag);
      if (tag === 'template') continue;
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i -= 1) {
        stack.push({ node: children[i]!, hidden: childHidden, noscript: childNoscript, noText: childNoText, depth: frame.depth + 1 });
      }
    }
    if (options.snapshot !== false) {
      snapshot = sanitizeSnapshot(root, { maxInputChars: limits.maxSnapshotInputChars, maxOutputChars: limits.maxSnapshotChars });
    }
  }

  const normalized = normalizeWords(textChunks.join(' '));
  const wordCount = countNormalizedWords(normalized);
  const padded = padWords(`${normalizeWords(title)} ${normalized}`);
  const ds = loadDatasets();
  const placeholders: PlaceholderMatch[] = [];
  for (const p of ds.placeholders) if (containsPhrase(padded, p.phrase)) placeholders.push({ id: p.id, phrase: p.phrase, weak: p.weak === true });
  for (const p of ds.parkedText) if (containsPhrase(padded, p.phrase)) parked.push({ id: p.id, kind: 'text', match: p.phrase, weak: p.weak === true });
  parked.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const sortedCounts = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

  const features: SiteFeatures = {
    url: input.url,
    finalUrl,
    domain,
    merchantDomains,
    brandTerms,
    fetch,
    analysed: bounded !== null,
    elements,
    elementCounts: Object.fromEntries(Object.keys(elementCounts).sort().map((k) => [k, elementCounts[k]!])),
    metaRefresh,
    scripts,
    inlineScriptCount,
    noscriptCount,
    links: {
      total: linksTotal,
      outbound: linksOutbound,
      affiliate: linksAffiliate,
      affiliateVisible: linksAffiliateVisible,
      outboundDomains: sortedCounts(outboundCounts).slice(0, 50).map(([d, count]) => ({ domain: d, count })),
      networks: [...networkCounts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([network, count]) => ({ network, count })),
      policy,
    },
    content: {
      title,
      wordCount,
      text: normalized.length > limits.maxTextChars ? normalized.slice(0, limits.maxTextChars) : normalized,
      textTruncated: normalized.length > limits.maxTextChars || textChars >= MAX_RAW_TEXT,
      placeholders,
      parked,
    },
    probes,
    cloaking: null,
    snapshot,
    limits: {
      elementsScanned,
      elementLimitHit: bounded?.elementLimitHit ?? false,
      maxDepth: Math.max(maxDepth, bounded?.maxDepth ?? 0),
      scriptsTruncated,
      scriptsSkipped,
    },
    render: null,
    deadline: null,
  };

  if (input.cloakingHtml !== undefined && input.cloakingHtml !== null) {
    return { ...features, cloaking: compareCloaking(features, input.cloakingHtml, options) };
  }
  return features;
}
