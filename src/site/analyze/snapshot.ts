/**
 * The evidence snapshot: the parsed page re-serialised without recursion (so hostile nesting
 * cannot overflow the stack), bounded in depth and length, then sanitised with DOMPurify for
 * safe display to reviewers. The count of what DOMPurify removed is itself a feature: pages
 * that lose many elements to sanitising are script- and handler-heavy.
 * @module
 */
import { createRequire } from 'node:module';
import type IsomorphicDOMPurify from 'isomorphic-dompurify';
import { isElement, type DomNode } from './dom.js';
import type { SnapshotFeature } from '../features.js';

type Purifier = typeof IsomorphicDOMPurify;

// Loaded on the first snapshot, not at import: the sanitiser brings up jsdom (about a second
// and tens of MB), which nothing but site analysis needs, and `partnerguard`'s index reaches
// this module for every user, click scans and worker threads included.
const requireCjs = createRequire(import.meta.url);
let purifier: Purifier | undefined;
function purify(): Purifier {
  purifier ??= (requireCjs('isomorphic-dompurify') as { default: Purifier }).default;
  return purifier;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const MAX_SNAPSHOT_DEPTH = 64;
// Reviewers open snapshots in a browser: nothing in them may load a URL by itself (an
// affiliate pixel in the snapshot would stuff the reviewer's own cookie), so every
// resource-loading attribute goes; anchors keep `href`, which loads nothing until clicked.
const PURIFY_CONFIG = {
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'video', 'audio', 'source', 'picture', 'link', 'meta', 'base'],
  FORBID_ATTR: ['src', 'srcset', 'poster', 'data', 'action', 'background', 'style', 'ping'],
  ALLOW_DATA_ATTR: false,
};

function escapeText(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

function escapeAttr(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/"/gu, '&quot;').replace(/</gu, '&lt;');
}

/** Serialises `root`'s children iteratively, up to `maxChars` characters of output. */
export function serializeBounded(root: DomNode, maxChars: number): { html: string; truncated: boolean } {
  const parts: string[] = [];
  let size = 0;
  const stack: Array<{ node: DomNode; depth: number } | { close: string }> = [];
  const children = root.children ?? [];
  for (let i = children.length - 1; i >= 0; i -= 1) stack.push({ node: children[i]!, depth: 0 });
  while (stack.length > 0) {
    if (size > maxChars) return { html: parts.join('').slice(0, maxChars), truncated: true };
    const item = stack.pop()!;
    if ('close' in item) {
      parts.push(item.close);
      size += item.close.length;
      continue;
    }
    const { node, depth } = item;
    if (node.type === 'text') {
      const text = escapeText(node.data ?? '');
      parts.push(text);
      size += text.length;
      continue;
    }
    if (!isElement(node)) continue;
    const el = node;
    const emit = depth < MAX_SNAPSHOT_DEPTH;
    if (emit) {
      const attrs = Object.entries(el.attribs)
        .slice(0, 30)
        .map(([k, v]) => ` ${k}="${escapeAttr(v.slice(0, 2000))}"`)
        .join('');
      const open = `<${el.name}${attrs}>`;
      parts.push(open);
      size += open.length;
      if (VOID.has(el.name)) continue;
      stack.push({ close: `</${el.name}>` });
    }
    for (let i = el.children.length - 1; i >= 0; i -= 1) stack.push({ node: el.children[i]!, depth: depth + 1 });
  }
  return { html: parts.join(''), truncated: false };
}

/** Sanitises bounded HTML and counts what DOMPurify removed. */
export function sanitizeSnapshot(root: DomNode, options: { maxInputChars: number; maxOutputChars: number }): SnapshotFeature {
  const input = serializeBounded(root, options.maxInputChars);
  const DOMPurify = purify();
  const clean = DOMPurify.sanitize(input.html, PURIFY_CONFIG);
  const removed = DOMPurify.removed.length;
  if (clean.length <= options.maxOutputChars) return { html: clean, removed, truncated: input.truncated };
  // Cutting sanitised HTML may leave a broken tag; sanitising the cut again closes it safely.
  const recut = DOMPurify.sanitize(clean.slice(0, options.maxOutputChars), PURIFY_CONFIG);
  return { html: recut.length <= options.maxOutputChars ? recut : recut.slice(0, options.maxOutputChars).replace(/<[^<>]*$/u, ''), removed, truncated: true };
}
