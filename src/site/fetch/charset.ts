/**
 * Media-type handling and text decoding: which responses are HTML, and which encoding their
 * bytes are in (BOM, then the `Content-Type` charset, then a `<meta>` in the first bytes, then
 * UTF-8 — the order of the WHATWG encoding-sniffing algorithm, without the locale guess).
 * @module
 */

/** How many leading bytes are scanned for `<meta charset>` (the HTML spec's prescan uses 1024; pages often put it later). */
const META_PRESCAN_BYTES = 4096;

/** Media types decoded as HTML. */
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** Media types that mean "unknown", for which browsers sniff the body (WHATWG MIME sniffing). */
const SNIFFED_TYPES = new Set(['', 'unknown/unknown', 'application/unknown', '*/*']);

/** Tag openings that make a browser sniff a body as HTML (WHATWG MIME sniffing, "text/html" patterns). */
const HTML_SNIFF_PREFIXES = ['<!doctype html', '<html', '<head', '<script', '<iframe', '<h1', '<div', '<font', '<table', '<a', '<style', '<title', '<b', '<body', '<br', '<p', '<!--'];

/** Splits a `Content-Type` header into its lower-cased media type and charset parameter. */
export function parseContentType(header: string | null): { mediaType: string | null; charset: string | null } {
  if (header === null) return { mediaType: null, charset: null };
  const [type = '', ...params] = header.split(';');
  let charset: string | null = null;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq === -1) continue;
    if (param.slice(0, eq).trim().toLowerCase() === 'charset') charset = param.slice(eq + 1).trim().replace(/^["']|["']$/gu, '');
  }
  const mediaType = type.trim().toLowerCase();
  return { mediaType: mediaType === '' ? null : mediaType, charset: charset === '' ? null : charset };
}

/** Whether a media type is decoded as HTML, and whether it needs sniffing to decide. */
export function htmlDecision(mediaType: string | null): 'html' | 'sniff' | 'other' {
  const type = mediaType ?? '';
  if (HTML_TYPES.has(type)) return 'html';
  return SNIFFED_TYPES.has(type) ? 'sniff' : 'other';
}

/** Whether the first bytes of a body look like HTML, as a browser's sniffer would decide. */
export function sniffsAsHtml(head: Uint8Array): boolean {
  let text = Buffer.from(head.subarray(0, 512)).toString('latin1');
  if (text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
  text = text.trimStart().toLowerCase();
  return HTML_SNIFF_PREFIXES.some((prefix) => {
    if (!text.startsWith(prefix)) return false;
    // The pattern must end at a tag-terminating byte (space or `>`), except for comments.
    if (prefix === '<!--') return true;
    const next = text.charAt(prefix.length);
    return next === ' ' || next === '>' || next === '\t' || next === '\n' || next === '\r' || next === '\f';
  });
}

/** Returns the WHATWG encoding name for a label, or null when TextDecoder does not know it. */
export function normalizeEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** Finds a charset label in `<meta charset>` or `<meta http-equiv content="…; charset=…">` among the first bytes. */
export function metaCharset(bytes: Uint8Array): string | null {
  // latin1 maps bytes 1:1, so ASCII markup is found whatever the real encoding is.
  const head = Buffer.from(bytes.subarray(0, META_PRESCAN_BYTES)).toString('latin1').toLowerCase();
  let from = 0;
  for (;;) {
    const start = head.indexOf('<meta', from);
    if (start === -1) return null;
    const end = head.indexOf('>', start);
    const tag = head.slice(start, end === -1 ? head.length : end);
    const match = /charset\s*=\s*["']?([\w.:-]{1,40})/u.exec(tag);
    if (match?.[1] !== undefined) return match[1];
    if (end === -1) return null;
    from = end;
  }
}

/**
 * windows-1252 for bytes 0x80–0x9F (WHATWG index). Node 20's TextDecoder decodes the label as
 * ISO-8859-1 and turns these into C1 controls, so curly quotes and the euro sign would be lost
 * on the most common legacy encoding of the web. Undefined positions map to the C1 control, as
 * the WHATWG decoder does.
 */
const WINDOWS_1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes bytes in a WHATWG encoding, working around the Node 20 windows-1252 bug. */
export function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (encoding !== 'windows-1252') return new TextDecoder(encoding).decode(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/gu, (c) => WINDOWS_1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

/** The result of {@link decodeBody}. */
export interface DecodedText {
  /** The decoded text. */
  text: string;
  /** The WHATWG encoding name used. */
  charset: string;
  /** Where it came from. */
  source: 'header' | 'meta' | 'bom' | 'default';
}

/**
 * Decodes body bytes: BOM first, then the header's charset, then `<meta>`, then UTF-8.
 * An unknown or unsupported label is skipped (and, if nothing else applies, UTF-8 is used with
 * source `default`); a `<meta>` naming UTF-16 means UTF-8, as in browsers (the meta was readable as ASCII).
 */
export function decodeBody(bytes: Uint8Array, headerCharset: string | null): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom !== null) return { text: new TextDecoder(bom).decode(bytes), charset: bom, source: 'bom' };
  const fromHeader = headerCharset === null ? null : normalizeEncoding(headerCharset);
  if (fromHeader !== null) return { text: decodeAs(bytes, fromHeader), charset: fromHeader, source: 'header' };
  const label = metaCharset(bytes);
  let fromMeta = label === null ? null : normalizeEncoding(label);
  if (fromMeta === 'utf-16le' || fromMeta === 'utf-16be') fromMeta = 'utf-8';
  if (fromMeta !== null) return { text: decodeAs(bytes, fromMeta), charset: fromMeta, source: 'meta' };
  return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8', source: 'default' };
}
