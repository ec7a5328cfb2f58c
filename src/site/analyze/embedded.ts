/**
 * What a page embeds without a URL attribute the main analysis reads: `srcdoc` documents,
 * Flash `<object>`/`<embed>` parameters (FlashVars, `clickTAG`, the `movie` URL's query), and
 * the hidden frames and images on the applicant's own domain that `screenSite` follows
 * (a same-site URL answering 302 to a click URL is the most common stuffing shape).
 * @module
 */
import { load } from 'cheerio';
import { matchAffiliate } from '../affiliate-networks.js';
import type { AffiliateMatch, HiddenReason } from '../features.js';
import { boundHtml } from './bound-html.js';
import { isElement, type DomNode } from './dom.js';
import { parseHttpUrl, registrableDomain } from './domain.js';
import { dimensionAttribute, hiddenSelectors, styleVisibility } from './visibility.js';

/** A URL a Flash object or embed hands its movie, that is an affiliate click URL. */
export interface FlashUrl {
  /** `object` or `embed`. */
  readonly tag: string;
  /** Where it was found (`flashvars:clickTAG`, `movie`, `src`). */
  readonly attribute: string;
  /** The URL. */
  readonly url: string;
  /** Its recognition. */
  readonly affiliate: AffiliateMatch;
  /** Why the object is hidden (empty when visible). */
  readonly hiddenReasons: readonly HiddenReason[];
  /** Bounded opening tag, for evidence. */
  readonly snippet: string;
}

/** A frame or image on the applicant's own registrable domain. */
export interface SameSiteLoad {
  /** `iframe`, `frame` or `img`. */
  readonly tag: string;
  /** The URL, resolved. */
  readonly url: string;
  /** Why it is hidden; empty when visible. */
  readonly hiddenReasons: readonly HiddenReason[];
}

/** What {@link readEmbedded} found. */
export interface Embedded {
  /** `srcdoc` documents with whether their frame is hidden. */
  readonly srcdocs: ReadonlyArray<{ readonly html: string; readonly hiddenReasons: readonly HiddenReason[] }>;
  /** Click URLs in Flash parameters. */
  readonly flash: readonly FlashUrl[];
  /** Same-site frames and images, hidden or not, in document order. */
  readonly sameSite: readonly SameSiteLoad[];
}

const SIZED = new Set(['iframe', 'frame', 'img', 'embed', 'object']);
const MAX_SRCDOCS = 10;
const MAX_FLASH = 20;
const MAX_SAME_SITE = 20;
const MAX_SRCDOC_CHARS = 200_000;

function snippetOf(name: string, attribs: Record<string, string>): string {
  const s = `<${name}${Object.entries(attribs).slice(0, 8).map(([k, v]) => ` ${k}="${v.slice(0, 200)}"`).join('')}>`;
  return s.slice(0, 600);
}

/** Every http(s) URL in a FlashVars-style query string, by parameter name. */
function flashVarUrls(vars: string): Array<{ name: string; url: string }> {
  const out: Array<{ name: string; url: string }> = [];
  for (const [name, value] of new URLSearchParams(vars.slice(0, 10_000))) {
    if (/^https?:/iu.test(value.trim())) out.push({ name, url: value.trim() });
  }
  return out;
}

/**
 * Reads `srcdoc`, Flash parameters and hidden same-site loads from a page. Pure and bounded.
 * @param html - The page.
 * @param pageUrl - Its URL (resolves relative URLs; its registrable domain is "same site").
 * @param merchantDomains - Merchant registrable domains for affiliate recognition.
 */
export function readEmbedded(html: string, pageUrl: string, merchantDomains: readonly string[]): Embedded {
  const bounded = boundHtml(html, { maxDepth: 256, maxElements: 50_000 });
  const $ = load(bounded.html, { scriptingEnabled: false });
  const root = $.root()[0] as unknown as DomNode;
  const site = registrableDomain(parseHttpUrl(pageUrl)?.hostname ?? '');
  const srcdocs: Array<{ html: string; hiddenReasons: HiddenReason[] }> = [];
  const flash: FlashUrl[] = [];
  const sameSite: SameSiteLoad[] = [];
  let css = '';
  const all: Array<{ node: DomNode & { name: string; attribs: Record<string, string> }; inherited: readonly HiddenReason[] }> = [];
  // Iterative walk carrying the reasons an ancestor hides its descendants.
  const stack: Array<{ node: DomNode; inherited: readonly HiddenReason[] }> = [{ node: root, inherited: [] }];
  while (stack.length > 0) {
    const { node, inherited } = stack.pop()!;
    let next = inherited;
    if (isElement(node)) {
      all.push({ node, inherited });
      if (node.name === 'style' && css.length < 200_000) for (const c of node.children) css += `${c.data ?? ''}\n`;
      const style = styleVisibility(node.attribs.style);
      const own: HiddenReason[] = [...style.inherited];
      if (node.attribs.hidden !== undefined) own.push('hidden-attribute');
      if (own.length > 0) next = [...inherited, ...own];
      if (node.name === 'template') continue;
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push({ node: children[i]!, inherited: next });
  }
  const hiddenCss = hiddenSelectors(css);
  const reasonsOf = (node: DomNode & { name: string; attribs: Record<string, string> }, inherited: readonly HiddenReason[]): HiddenReason[] => {
    const a = node.attribs;
    const style = styleVisibility(a.style);
    const reasons = new Set<HiddenReason>(style.reasons.filter((r) => r !== 'size' || SIZED.has(node.name)));
    if (a.hidden !== undefined) reasons.add('hidden-attribute');
    if ((a.class ?? '').split(/\s+/u).some((c) => c !== '' && hiddenCss.classes.has(c)) || (a.id !== undefined && hiddenCss.ids.has(a.id))) reasons.add('hidden-class');
    const width = dimensionAttribute(a.width) ?? style.width;
    const height = dimensionAttribute(a.height) ?? style.height;
    if (SIZED.has(node.name) && ((width !== null && width <= 1) || (height !== null && height <= 1))) reasons.add('size');
    if (inherited.length > 0) reasons.add('hidden-ancestor');
    return [...reasons].sort();
  };
  for (const { node, inherited } of all) {
    const a = node.attribs;
    const tag = node.name;
    if ((tag === 'iframe' || tag === 'frame') && a.srcdoc !== undefined && srcdocs.length < MAX_SRCDOCS) {
      srcdocs.push({ html: a.srcdoc.slice(0, MAX_SRCDOC_CHARS), hiddenReasons: reasonsOf(node, inherited) });
    }
    if ((tag === 'object' || tag === 'embed') && flash.length < MAX_FLASH) {
      const candidates: Array<{ attribute: string; url: string }> = [];
      const vars = [a.flashvars ?? ''];
      const movie = tag === 'object' ? a.data : a.src;
      for (const child of node.children ?? []) {
        if (!isElement(child) || child.name !== 'param') continue;
        const name = (child.attribs.name ?? '').toLowerCase();
        if (name === 'flashvars') vars.push(child.attribs.value ?? '');
        if (name === 'movie' || name === 'src') candidates.push(...flashVarUrls((child.attribs.value ?? '').split('?')[1] ?? '').map((v) => ({ attribute: `movie:${v.name}`, url: v.url })));
      }
      for (const v of vars) candidates.push(...flashVarUrls(v).map((u) => ({ attribute: `flashvars:${u.name}`, url: u.url })));
      if (movie !== undefined) candidates.push(...flashVarUrls(movie.split('?')[1] ?? '').map((v) => ({ attribute: `${tag === 'object' ? 'data' : 'src'}:${v.name}`, url: v.url })));
      for (const c of candidates) {
        const affiliate = matchAffiliate(c.url, merchantDomains, pageUrl);
        if (affiliate?.kind !== 'click') continue;
        flash.push({ tag, attribute: c.attribute, url: parseHttpUrl(c.url, pageUrl)?.href ?? c.url, affiliate, hiddenReasons: reasonsOf(node, inherited), snippet: snippetOf(tag, a) });
        break;
      }
    }
    if ((tag === 'iframe' || tag === 'frame' || tag === 'img') && a.src !== undefined && sameSite.length < MAX_SAME_SITE) {
      const url = parseHttpUrl(a.src.trim(), pageUrl);
      if (url === null || site === '' || registrableDomain(url.hostname) !== site) continue;
      sameSite.push({ tag, url: url.href, hiddenReasons: reasonsOf(node, inherited) });
    }
  }
  return { srcdocs, flash, sameSite };
}
