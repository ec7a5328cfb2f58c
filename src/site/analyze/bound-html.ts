/**
 * A linear pre-pass that bounds what the HTML parser has to do. parse5 (like every
 * spec-following parser) spends time proportional to the open-element depth on each start
 * tag, so 20,000 unclosed `<div>`s take seconds and a 5 MB page of them takes hours. This pass
 * keeps nesting under `maxDepth` by dropping deeper *container* tags (their text stays), never
 * the tags that load things (iframe, img, script…), and cuts the input after `maxElements`
 * start tags. Both limits are reported as features.
 * @module
 */

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'frame', 'keygen']);
// End tags for these are optional and usually omitted; counting them as nesting would let
// 300 `<li>`s push a later iframe over the depth limit.
// `rt` and `rp` are not here: outside a `<ruby>` they do not close each other, so 50,000 of
// them nest 50,000 deep (quadratic in the parser).
const OPTIONAL_CLOSE = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'html', 'head', 'body']);
// Never dropped: these load URLs or carry the evidence the rules read.
const KEEP = new Set(['iframe', 'img', 'script', 'link', 'meta', 'form', 'a', 'frame', 'frameset', 'embed', 'object', 'noscript', 'style', 'source', 'input', 'base', 'title', 'template', 'textarea']);
// parse5 recurses once per `<template>` still open at the end of input, so thousands of
// unclosed ones overflow the stack. Templates nest no deeper than this; deeper ones are
// dropped like containers (their content is then parsed as live markup, which can only show
// more, never hide anything).
const MAX_TEMPLATE_DEPTH = 64;
const FOREIGN = new Set(['svg', 'math']);
// Start tags that break out of foreign content (the HTML standard's list; `font` only with
// attributes, taken here always, which only counts more).
const BREAKOUT = new Set(['b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike', 'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var']);

/**
 * Where a comment opened at `from` (just after `<!--`) ends, as the HTML parser reads it:
 * `<!-->` and `<!--->` are whole comments, and `--!>` closes one as `-->` does. Knowing only
 * `-->` let `<!-- x --!>` hide the rest of the page from the bounds.
 */
function commentEnd(html: string, from: number): number {
  if (html.startsWith('>', from)) return from + 1;
  if (html.startsWith('->', from)) return from + 2;
  const a = html.indexOf('-->', from);
  const b = html.indexOf('--!>', from);
  if (a < 0 && b < 0) return html.length;
  return a >= 0 && (b < 0 || a < b) ? a + 3 : b + 4;
}
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/** What {@link boundHtml} did. */
export interface BoundResult {
  /** The bounded HTML. */
  readonly html: string;
  /** Start tags seen (up to the cap). */
  readonly elements: number;
  /** True when the element cap cut the input. */
  readonly elementLimitHit: boolean;
  /** Deepest nesting seen, capped at `maxDepth`. */
  readonly maxDepth: number;
  /** Container start tags dropped for depth. */
  readonly droppedForDepth: number;
}

function isNameChar(code: number): boolean {
  // a-z A-Z 0-9 - : _
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45 || code === 58 || code === 95;
}

/** Bounds nesting depth and element count of `html` in one linear pass. */
export function boundHtml(html: string, limits: { maxDepth: number; maxElements: number }): BoundResult {
  const out: string[] = [];
  let copyFrom = 0;
  let depth = 0;
  let maxDepth = 0;
  let dropped = 0;
  let droppedForDepth = 0;
  let elements = 0;
  let templates = 0;
  let foreign = 0;
  let droppedTemplates = 0;
  let i = 0;
  const n = html.length;
  const lower = (s: string) => s.toLowerCase();
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      i = commentEnd(html, lt + 4);
      continue;
    }
    const closing = html.charCodeAt(lt + 1) === 47;
    let j = lt + (closing ? 2 : 1);
    const nameStart = j;
    while (j < n && isNameChar(html.charCodeAt(j))) j += 1;
    if (j === nameStart) {
      i = lt + 1;
      continue;
    }
    const name = lower(html.slice(nameStart, j));
    const gt = html.indexOf('>', j);
    const tagEnd = gt < 0 ? n : gt + 1;
    if (closing && name === 'template') {
      if (droppedTemplates > 0) {
        out.push(html.slice(copyFrom, lt));
        copyFrom = tagEnd;
        droppedTemplates -= 1;
      } else if (templates > 0) {
        templates -= 1;
        if (depth > 0) depth -= 1;
      }
      i = tagEnd;
      continue;
    }
    if (closing && FOREIGN.has(name) && foreign > 0) foreign -= 1;
    if (closing) {
      if (!KEEP.has(name) && !VOID.has(name) && !OPTIONAL_CLOSE.has(name) && dropped > 0) {
        out.push(html.slice(copyFrom, lt));
        copyFrom = tagEnd;
        dropped -= 1;
      } else if (!VOID.has(name) && !OPTIONAL_CLOSE.has(name) && depth > 0) {
        depth -= 1;
      }
      i = tagEnd;
      continue;
    }
    elements += 1;
    if (elements > limits.maxElements) {
      out.push(html.slice(copyFrom, lt));
      return { html: out.join(''), elements: limits.maxElements, elementLimitHit: true, maxDepth, droppedForDepth };
    }
    // HTML ignores the `/` of `<div/>` (the element stays open); only foreign content (SVG,
    // MathML) honours it. Taking it at its word let 50,000 `<div/>`s nest uncounted.
    const selfClosing = gt > 0 && html.charCodeAt(gt - 1) === 47 && (foreign > 0 || FOREIGN.has(name));
    const nests = !VOID.has(name) && !OPTIONAL_CLOSE.has(name) && !selfClosing;
    const templateTooDeep = name === 'template' && templates >= MAX_TEMPLATE_DEPTH;
    if (templateTooDeep || (nests && depth >= limits.maxDepth && !KEEP.has(name))) {
      out.push(html.slice(copyFrom, lt));
      copyFrom = tagEnd;
      if (templateTooDeep) droppedTemplates += 1;
      else dropped += 1;
      droppedForDepth += 1;
      i = tagEnd;
      continue;
    }
    if (name === 'template') templates += 1;
    if (FOREIGN.has(name) && !selfClosing) foreign += 1;
    // These leave SVG/MathML for HTML (the parser pops the foreign elements), so a `/` stops
    // counting and raw-text elements are raw again.
    else if (foreign > 0 && BREAKOUT.has(name)) foreign = 0;
    if (nests) {
      depth += 1;
      if (depth > maxDepth) maxDepth = depth;
    }
    i = tagEnd;
    // Inside SVG/MathML, `<title>` or `<style>` hold markup, not raw text: skipping their
    // content would leave it uncounted while the parser nests it.
    if (RAW_TEXT.has(name) && !selfClosing && foreign === 0) {
      // Skip raw text so a `<div>` inside a script string is not counted.
      let k = html.indexOf('</', tagEnd);
      while (k >= 0 && lower(html.slice(k + 2, k + 2 + name.length)) !== name) k = html.indexOf('</', k + 2);
      i = k < 0 ? n : k;
    }
  }
  out.push(html.slice(copyFrom));
  return { html: out.join(''), elements, elementLimitHit: false, maxDepth: Math.min(maxDepth, limits.maxDepth), droppedForDepth };
}
