/**
 * What the analysis knows of markup: which tags load URLs by themselves, which carry no text,
 * which scripts run, and small readers of attributes and text.
 * @module
 */
import { isElement, type DomNode } from './dom.js';

// Tags whose URL the browser loads by itself, and the attributes holding it (lazy-loading
// libraries move `src` to `data-src`; the browser still ends up loading it).
/** Per tag, the attributes holding a URL the browser loads by itself. */
export const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
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
/** Tags whose width and height say whether they can be seen. */
export const SIZED = new Set(['iframe', 'frame', 'img', 'embed', 'object', 'video', 'input']);
/** Tags whose content is not visible text. */
export const NO_TEXT = new Set(['script', 'style', 'noscript', 'template', 'title', 'textarea', 'head', 'select', 'option', 'svg', 'math']);
/** `type` values of scripts that run. */
export const JS_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/ecmascript', 'application/ecmascript', 'text/jscript']);

/** The first URL of a `srcset`. */
export function firstSrcsetUrl(value: string): string {
  return value.trim().split(/\s/u)[0] ?? '';
}

/** A meta refresh's delay and URL, or null when it cannot be read. */
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

/** Words in link text that name the policy pages a real business has. */
export const POLICY_KEYWORDS = {
  privacy: ['privacy', 'datenschutz', 'confidentialite', 'privacidad', 'privacita', 'gdpr'],
  contact: ['contact', 'kontakt', 'contacto', 'contatti', 'mailto:', 'impressum', 'imprint'],
  about: ['about', 'ueber-uns', 'uber-uns', 'a-propos', 'quienes-somos', 'chi-siamo', 'impressum', 'imprint', 'who-we-are', 'our-team'],
  terms: ['terms', 'conditions', 'tos', 'agb', 'legal', 'disclaimer', 'disclosure', 'mentions-legales', 'aviso-legal'],
} as const;

/** The text directly inside an element (not its descendants'). */
export function directText(node: DomNode): string {
  let text = '';
  for (const child of node.children ?? []) {
    if (child.type === 'text') text += child.data ?? '';
    else if (isElement(child)) for (const g of child.children) if (g.type === 'text') text += g.data ?? '';
    if (text.length > 200) break;
  }
  return text;
}

/** A short, bounded rendering of an element's start tag, for evidence. */
export function snippetOf(name: string, attribs: Record<string, string>): string {
  const attrs = Object.entries(attribs)
    .slice(0, 12)
    .map(([k, v]) => ` ${k}="${v.length > 200 ? `${v.slice(0, 200)}…` : v}"`)
    .join('');
  const s = `<${name}${attrs}>`;
  return s.length > 600 ? `${s.slice(0, 599)}…` : s;
}

