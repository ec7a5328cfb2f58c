/**
 * Visibility from what the HTML itself says: size attributes, inline styles, the `hidden`
 * attribute, and classes or ids that the page's own `<style>` blocks (or the common CSS
 * frameworks) hide. External stylesheets are not fetched; stuffers rely on inline styles and
 * in-page CSS because they must work wherever the snippet is pasted.
 * @module
 */
import type { HiddenReason } from '../features.js';

/** Classes hidden by the common CSS frameworks (Bootstrap `d-none`, Tailwind `hidden`/`invisible`, WordPress `screen-reader-text`). */
const FRAMEWORK_HIDDEN_CLASSES = ['hidden', 'd-none', 'invisible', 'sr-only', 'visually-hidden', 'screen-reader-text', 'hide'];

/** Pixels beyond which a negative offset puts an element off-screen. */
const OFF_SCREEN_PX = -500;

/** What an inline style (or a CSS rule body) says about visibility. */
export interface StyleVisibility {
  /** Reasons the element itself is hidden. */
  readonly reasons: HiddenReason[];
  /** Reasons that also hide descendants. */
  readonly inherited: HiddenReason[];
  /** Width in px, when given in px (or 0). */
  readonly width: number | null;
  /** Height in px, when given in px (or 0). */
  readonly height: number | null;
}

function px(value: string): number | null {
  const v = value.trim();
  if (v === '0') return 0;
  const m = /^(-?\d{1,7}(?:\.\d{1,4})?)(?:px)?$/u.exec(v);
  return m === null ? null : Number(m[1]);
}

/** Parses a `width`/`height` attribute (`0`, `1`, `1px`); null when absent or not a plain number. */
export function dimensionAttribute(value: string | undefined): number | null {
  if (value === undefined) return null;
  return px(value);
}

/** Reads a CSS declaration block (`display:none; width: 1px`) without a regex engine. */
export function styleVisibility(style: string | undefined): StyleVisibility {
  const reasons = new Set<HiddenReason>();
  const inherited = new Set<HiddenReason>();
  let width: number | null = null;
  let height: number | null = null;
  let overflowHidden = false;
  let maxZero = false;
  if (style !== undefined && style.length > 0) {
    // Bounded: inline styles longer than this are not what hides a pixel.
    for (const declaration of style.slice(0, 4000).split(';')) {
      const colon = declaration.indexOf(':');
      if (colon < 0) continue;
      const prop = declaration.slice(0, colon).trim().toLowerCase();
      const value = declaration.slice(colon + 1).replace('!important', '').trim().toLowerCase();
      switch (prop) {
        case 'display':
          if (value === 'none') reasons.add('display-none');
          break;
        case 'visibility':
          if (value === 'hidden' || value === 'collapse') reasons.add('visibility-hidden');
          break;
        case 'opacity': {
          const o = Number(value);
          if (Number.isFinite(o) && o <= 0.01) reasons.add('opacity-zero');
          break;
        }
        case 'width':
          width = px(value);
          break;
        case 'height':
          height = px(value);
          break;
        case 'max-width':
        case 'max-height':
          if (px(value) === 0) maxZero = true;
          break;
        case 'overflow':
          overflowHidden = value === 'hidden' || value === 'clip';
          break;
        case 'left':
        case 'top':
        case 'right':
        case 'margin-left':
        case 'margin-top':
        case 'text-indent': {
          const offset = px(value);
          if (offset !== null && offset <= OFF_SCREEN_PX && prop !== 'text-indent') reasons.add('off-screen');
          break;
        }
        case 'clip':
          if (value.replace(/[\s,]|px/gu, '') === 'rect(0000)') reasons.add('clipped');
          break;
        case 'clip-path':
          if (value === 'inset(50%)' || value === 'inset(100%)' || value.startsWith('circle(0')) reasons.add('clipped');
          break;
        case 'transform':
          if (value === 'scale(0)' || value === 'scale(0,0)') reasons.add('clipped');
          break;
        default:
          break;
      }
    }
  }
  if ((width !== null && width <= 1) || (height !== null && height <= 1) || maxZero) reasons.add('size');
  for (const r of reasons) {
    // A zero-size box only hides its children when it also clips them.
    if (r !== 'size' || overflowHidden) inherited.add(r);
  }
  return { reasons: [...reasons], inherited: [...inherited], width, height };
}

/** Class names and ids that the page's own CSS hides. */
export interface HiddenSelectors {
  /** Classes whose rules hide. */
  readonly classes: ReadonlySet<string>;
  /** Ids whose rules hide. */
  readonly ids: ReadonlySet<string>;
}

/**
 * Collects simple `.class` and `#id` selectors (the last compound of each selector) whose
 * rule body hides (display:none, visibility:hidden, opacity:0, off-screen, 0/1 px with
 * overflow hidden). Bounded by `maxChars` of CSS read.
 */
export function hiddenSelectors(css: string, maxChars = 200_000): HiddenSelectors {
  const classes = new Set<string>(FRAMEWORK_HIDDEN_CLASSES);
  const ids = new Set<string>();
  const text = css.length > maxChars ? css.slice(0, maxChars) : css;
  for (const block of text.split('}')) {
    const open = block.lastIndexOf('{');
    if (open < 0) continue;
    const body = block.slice(open + 1);
    const v = styleVisibility(body);
    const hides = v.reasons.some((r) => r !== 'size') || v.inherited.length > 0 || (v.width !== null && v.width <= 1 && v.height !== null && v.height <= 1);
    if (!hides) continue;
    // `@media … {` leaves its own header in front of the first selector; take what follows the last `{`.
    const head = block.slice(0, open);
    for (const selector of head.slice(head.lastIndexOf('{') + 1).split(',')) {
      const parts = selector.trim().split(/[\s+>~]+/u);
      const last = parts[parts.length - 1] ?? '';
      const m = /^[a-z]*([.#])([\w-]{1,100})$/iu.exec(last);
      if (m === null) continue;
      (m[1] === '.' ? classes : ids).add(m[2]!);
    }
  }
  return { classes, ids };
}
