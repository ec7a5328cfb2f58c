/**
 * `analyzeSite`: HTML (plus what the fetch layer recorded) → {@link SiteFeatures}. Pure: no
 * I/O beyond reading the bundled datasets once. Every traversal is iterative and every input
 * is bounded, so hostile pages (10,000-deep nesting, megabytes of script) end in bounded time.
 * @module
 */
import { load } from 'cheerio';
import { matchAffiliate } from '../affiliate-networks.js';
import { boundHtml } from './bound-html.js';
import { isElement, type DomNode } from './dom.js';
import { hostMatches, normalizeHost, parseHttpUrl, registrableDomain } from './domain.js';
import { analyzeInlineScript, scriptIsNotable } from './scripts.js';
import { sanitizeSnapshot } from './snapshot.js';
import { containsPhrase, countNormalizedWords, normalizeWords, padWords } from './text.js';
import { dimensionAttribute, hiddenSelectors, styleVisibility } from './visibility.js';
import type { AffiliateMatch, ElementFeature, HiddenReason, InlineScriptFeature, MetaRefreshFeature, ParkedMatch, PlaceholderMatch, SiteFeatures } from '../features.js';
import { DEFAULT_LIMITS, type AnalyzeInput, type AnalyzeOptions } from './options.js';
import { JS_TYPES, NO_TEXT, POLICY_KEYWORDS, SIZED, URL_ATTRIBUTES, directText, firstSrcsetUrl, parseMetaRefresh, snippetOf } from './markup.js';
import { loadDatasets } from './datasets.js';
import { domainFeatures, fetchFeatures, probeFeatures } from './fetch-features.js';
import { compareCloaking } from './cloaking.js';

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
