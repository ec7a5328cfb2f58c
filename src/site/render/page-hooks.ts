/**
 * Code run inside rendered pages, as source text (the library is compiled without DOM
 * types): {@link hooksSource} runs before any page script in every frame; {@link sweepSource}
 * runs after the page settled and lists the URL-bearing elements with their layout.
 * @module
 */

/** Name of the binding the hooks report through (`page.exposeFunction`). */
export const RECORD_BINDING = '__partnerguardRecord';

/** What {@link sweepSource} evaluates to, per element. */
export interface SweptElement {
  /** Resolved URL the element loads. */
  url: string;
  /** Tag name, lower-case. */
  tag: string;
  /** Rendered width, CSS px, rounded. */
  width: number;
  /** Rendered height, CSS px, rounded. */
  height: number;
  /** Displayed, visible, not transparent, on the page and larger than 1×1. */
  visible: boolean;
}

/**
 * Reports `document.cookie` writes and `window.open` calls (which then open nothing), and
 * hides `navigator.serviceWorker` so no worker can register and fetch by itself.
 */
export const hooksSource = `(() => {
  const binding = ${JSON.stringify(RECORD_BINDING)};
  const record = (kind, value) => {
    try { const fn = window[binding]; if (typeof fn === 'function') fn(kind, String(value).slice(0, 2000)).catch(() => {}); } catch (e) {}
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (cookie && cookie.set && cookie.get) {
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true, enumerable: true, get: cookie.get,
      set(value) { record('cookie', location.href + '\\n' + String(value).split('=')[0].trim()); cookie.set.call(this, value); },
    });
  }
  window.open = function open(url) {
    let target = String(url === undefined ? '' : url);
    try { target = new URL(target, location.href).href; } catch (e) {}
    record('open', location.href + '\\n' + target);
    return null;
  };
  try { Object.defineProperty(Navigator.prototype, 'serviceWorker', { configurable: true, get: () => undefined }); } catch (e) {}
})();`;

/**
 * An expression listing up to `max` URL-bearing elements of one frame with their layout.
 * @param max - Elements listed at most.
 */
export function sweepSource(max: number): string {
  return `(() => {
  const out = [];
  const root = document.documentElement;
  const pageWidth = Math.max(root.scrollWidth, innerWidth), pageHeight = Math.max(root.scrollHeight, innerHeight);
  for (const el of document.querySelectorAll('img,iframe,frame,script[src],link[href],embed,object,video,source,input[type=image]')) {
    if (out.length >= ${max}) break;
    const r = el.getBoundingClientRect();
    const framed = /^(iframe|frame|embed|object)$/i.test(el.tagName);
    const width = framed ? el.clientWidth : Math.round(r.width), height = framed ? el.clientHeight : Math.round(r.height);
    const shown = el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    const onPage = r.right > 0 && r.bottom > 0 && r.left < pageWidth && r.top < pageHeight;
    const visible = shown && onPage && width > 1 && height > 1;
    const urls = new Set([el.currentSrc, el.src, el.href, el.data].filter((u) => typeof u === 'string' && u !== ''));
    for (const url of urls) out.push({ url, tag: el.tagName.toLowerCase(), width, height, visible });
  }
  return out;
})()`;
}

/** The body of a function `(el) => layout` run on a frame's element in its parent document. */
export const frameElementLayoutBody = `
  const r = el.getBoundingClientRect();
  // A frame's content box: a 1×1 iframe keeps its 2 px default border.
  const width = el.clientWidth, height = el.clientHeight;
  const root = el.ownerDocument.documentElement;
  const onPage = r.right > 0 && r.bottom > 0 && r.left < Math.max(root.scrollWidth, innerWidth) && r.top < Math.max(root.scrollHeight, innerHeight);
  return { tag: el.tagName.toLowerCase(), width, height, visible: el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && onPage && width > 1 && height > 1 };`;
