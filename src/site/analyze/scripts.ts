/**
 * Inline-script analysis without executing anything: a small hand-written tokenizer pulls out
 * string literals (decoding `\x`/`\u` escapes), joins `'a' + 'b'` concatenations, decodes
 * base64 and `String.fromCharCode(…)` runs, and finds URLs in the results. Sinks and
 * obfuscation markers are found with linear, anchored-by-literal patterns. Reads at most
 * `maxChars` of each script.
 * @module
 */
import type { AffiliateMatch, InlineScriptFeature, ObfuscationMarkers, ScriptSinks, ScriptUrlFeature } from '../features.js';

interface StringToken {
  value: string;
  start: number;
  end: number;
  escaped: boolean;
}

// Characters after which a `/` starts a regex literal rather than a division.
const REGEX_PRECEDERS = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '']);

function hexValue(s: string): number {
  return /^[\da-f]+$/iu.test(s) ? Number.parseInt(s, 16) : Number.NaN;
}

/** Tokenizes string literals; comments and regex literals are skipped so their quotes do not confuse it. */
function stringLiterals(code: string, maxStrings: number): StringToken[] {
  const tokens: StringToken[] = [];
  let i = 0;
  let lastSignificant = '';
  const n = code.length;
  while (i < n && tokens.length < maxStrings) {
    const ch = code[i]!;
    if (ch === '/' && code[i + 1] === '/') {
      const nl = code.indexOf('\n', i + 2);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (ch === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (ch === '/' && REGEX_PRECEDERS.has(lastSignificant)) {
      let j = i + 1;
      let inClass = false;
      while (j < n) {
        const c = code[j]!;
        if (c === '\\') j += 2;
        else if (c === '\n') break;
        else if (c === '[') {
          inClass = true;
          j += 1;
        } else if (c === ']') {
          inClass = false;
          j += 1;
        }
        else if (c === '/' && !inClass) break;
        else j += 1;
      }
      i = j + 1;
      lastSignificant = '/';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      let value = '';
      let escaped = false;
      let chunkStart = j;
      while (j < n) {
        const c = code[j]!;
        if (c === ch) break;
        if (c === '\n' && ch !== '`') break;
        if (c !== '\\') {
          j += 1;
          continue;
        }
        value += code.slice(chunkStart, j);
        const e = code[j + 1] ?? '';
        if (e === 'x') {
          const v = hexValue(code.slice(j + 2, j + 4));
          value += Number.isNaN(v) ? 'x' : String.fromCharCode(v);
          escaped = true;
          j += Number.isNaN(v) ? 2 : 4;
        } else if (e === 'u' && code[j + 2] === '{') {
          const close = code.indexOf('}', j + 3);
          const v = close < 0 || close - j > 10 ? Number.NaN : hexValue(code.slice(j + 3, close));
          value += Number.isNaN(v) || v > 0x10ffff ? 'u' : String.fromCodePoint(v);
          escaped = true;
          j = Number.isNaN(v) ? j + 2 : close + 1;
        } else if (e === 'u') {
          const v = hexValue(code.slice(j + 2, j + 6));
          value += Number.isNaN(v) ? 'u' : String.fromCharCode(v);
          escaped = true;
          j += Number.isNaN(v) ? 2 : 6;
        } else {
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          j += 2;
        }
        chunkStart = j;
      }
      value += code.slice(chunkStart, Math.min(j, n));
      tokens.push({ value, start: i, end: Math.min(j + 1, n), escaped });
      i = j + 1;
      lastSignificant = 's';
      continue;
    }
    if (ch !== ' ' && ch !== '\n' && ch !== '\t' && ch !== '\r') lastSignificant = /[\w$]/u.test(ch) ? 'w' : ch === ')' || ch === ']' ? ')' : ch;
    i += 1;
  }
  return tokens;
}

function onlyPlusBetween(code: string, from: number, to: number): boolean {
  if (to - from > 40) return false;
  return code.slice(from, to).trim() === '+';
}

/** Finds http(s) and protocol-relative URLs in a decoded string. */
export function urlsIn(text: string, maxUrls = 50): string[] {
  const urls: string[] = [];
  let from = 0;
  while (urls.length < maxUrls) {
    const a = text.indexOf('//', from);
    if (a < 0) break;
    let start = a;
    if (text.slice(Math.max(0, a - 6), a).toLowerCase() === 'https:') start = a - 6;
    else if (text.slice(Math.max(0, a - 5), a).toLowerCase() === 'http:') start = a - 5;
    else if (a > 0 && /[\w:/]/u.test(text[a - 1]!)) {
      from = a + 2;
      continue;
    }
    let end = a + 2;
    while (end < text.length && !/[\s"'<>`\\]/u.test(text[end]!)) end += 1;
    if (end - a > 4) urls.push(start === a ? `https:${text.slice(a, end)}` : text.slice(start, end));
    from = end;
  }
  return urls;
}

function decodeBase64(value: string): string | null {
  if (value.length < 16 || value.length > 20_000 || !/^[A-Za-z0-9+/]+={0,2}$/u.test(value)) return null;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  // Only text that could hold a URL is interesting; binary blobs (images, fonts) are not.
  return /^[\x20-\x7e\t\n\r]*$/u.test(decoded) ? decoded : null;
}

function longestBase64Run(value: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    const b64 = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
    run = b64 ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

function longestHexEscapeRun(code: string): number {
  let best = 0;
  let run = 0;
  let i = code.indexOf('\\x');
  while (i >= 0) {
    run = i >= 4 && code.slice(i - 4, i).startsWith('\\x') ? run + 1 : 1;
    if (run > best) best = run;
    i = code.indexOf('\\x', i + 2);
  }
  return best;
}

/** Decodes every `String.fromCharCode(n, n, …)` with literal numbers; returns the strings and the longest argument list. */
function charCodeStrings(code: string): { strings: string[]; longest: number } {
  const strings: string[] = [];
  let longest = 0;
  let i = code.indexOf('fromCharCode');
  while (i >= 0 && strings.length < 100) {
    const open = code.indexOf('(', i);
    const close = open < 0 ? -1 : code.indexOf(')', open);
    if (open < 0 || close < 0 || open - i > 20) break;
    const args = code.slice(open + 1, Math.min(close, open + 1 + 50_000)).split(',');
    const numbers = args.map((a) => a.trim()).filter((a) => /^(?:0x[\da-f]{1,6}|\d{1,7})$/iu.test(a));
    if (numbers.length === args.length && numbers.length > 0) {
      longest = Math.max(longest, numbers.length);
      strings.push(String.fromCharCode(...numbers.slice(0, 10_000).map((a) => Number(a))));
    }
    i = code.indexOf('fromCharCode', close);
  }
  return { strings, longest };
}

// Bounds of the concatenation reader: a chain is joined once up to MAX_JOIN characters; inner
// joins (from a part holding `//`) are few and URL-sized.
const MAX_JOIN = 100_000;
const MAX_INNER_JOIN = 4_096;
const MAX_INNER_CHAIN_STARTS = 256;

const AUTOLOAD_MARKUP = ['iframe', 'img', 'script', 'frame', 'embed', 'object', 'link'];

/** Options of {@link analyzeInlineScript}. */
export interface ScriptAnalysisOptions {
  /** Characters read per script. */
  readonly maxChars: number;
  /** Recognises an affiliate click URL. */
  readonly match: (url: string) => AffiliateMatch | null;
}

/** Analyses one inline script. Pure and linear in the characters read. */
export function analyzeInlineScript(source: string, options: ScriptAnalysisOptions): InlineScriptFeature & { index: -1 } {
  const truncated = source.length > options.maxChars;
  const code = truncated ? source.slice(0, options.maxChars) : source;
  const tokens = stringLiterals(code, 20_000);

  const candidates: Array<{ value: string; encoding: ScriptUrlFeature['encoding'] }> = [];
  let base64Run = 0;
  const markup = new Set<string>();
  let chainEnd = -1;
  let chainStarts = 0;
  for (let t = 0; t < tokens.length; t += 1) {
    const token = tokens[t]!;
    candidates.push({ value: token.value, encoding: token.escaped ? 'escape' : 'literal' });
    // Join each `'a' + 'b' + 'c'` chain once, from its first token. Joining again from every
    // later token kept one fresh string per token: quadratic memory on a long chain. Inside a
    // chain, a part that holds `/` may start a URL the whole chain hides behind a word
    // character, so it starts a short join of its own (bounded in count and length).
    const inChain = t <= chainEnd;
    if (!inChain || (token.value.includes('/') && chainStarts < MAX_INNER_CHAIN_STARTS)) {
      if (inChain) chainStarts += 1;
      const limit = inChain ? MAX_INNER_JOIN : MAX_JOIN;
      const parts = [token.value];
      let length = token.value.length;
      let k = t;
      while (k + 1 < tokens.length && onlyPlusBetween(code, tokens[k]!.end, tokens[k + 1]!.start) && length < limit) {
        k += 1;
        parts.push(tokens[k]!.value);
        length += tokens[k]!.value.length;
      }
      if (k > t) candidates.push({ value: parts.join(''), encoding: 'concat' });
      if (k > chainEnd) chainEnd = k;
    }
    const decoded = decodeBase64(token.value);
    if (decoded !== null) candidates.push({ value: decoded, encoding: 'base64' });
    base64Run = Math.max(base64Run, longestBase64Run(token.value));
    const lowerValue = token.value.toLowerCase();
    for (const tag of AUTOLOAD_MARKUP) if (lowerValue.includes(`<${tag}`)) markup.add(tag);
  }
  const charCodes = charCodeStrings(code);
  for (const s of charCodes.strings) candidates.push({ value: s, encoding: 'char-codes' });

  const seen = new Set<string>();
  const affiliateUrls: ScriptUrlFeature[] = [];
  for (const c of candidates) {
    if (!c.value.includes('//')) continue;
    // Every URL in a candidate is looked at: a cap would let decoy URLs ahead of the real one
    // hide it. The candidates' text is bounded (the script's characters plus the inner joins).
    for (const url of urlsIn(c.value, Number.POSITIVE_INFINITY)) {
      if (seen.has(url) || affiliateUrls.length >= 20) continue;
      const affiliate = options.match(url);
      if (affiliate === null || affiliate.kind !== 'click') continue;
      seen.add(url);
      affiliateUrls.push({ url, encoding: c.encoding, affiliate });
    }
  }

  const created = new Set<string>();
  for (const m of code.matchAll(/createElement\(\s*["'`](iframe|img|script|frame|embed|object)["'`]/giu)) created.add(m[1]!.toLowerCase());
  if (/\bnew\s+Image\b/u.test(code)) created.add('img');
  const windowOpen = /\b(?:window|self|top|parent)\s*\.\s*open\s*\(/u.test(code);
  const sinks: Omit<ScriptSinks, 'markupTags'> = {
    createElement: [...created].sort(),
    documentWrite: /document\s*\.\s*write(?:ln)?\s*\(/u.test(code),
    innerHtml: /\.\s*(?:inner|outer)HTML\s*\+?=|insertAdjacentHTML/u.test(code),
    location: /\blocation(?:\s*\.\s*(?:href|replace|assign))?\s*(?:=(?!=)|\()/u.test(code),
    windowOpen,
    popUnder: windowOpen && /\.\s*blur\s*\(\s*\)|\bwindow\s*\.\s*focus\s*\(/u.test(code),
    timer: /\bset(?:Timeout|Interval)\s*\(/u.test(code),
    request: /\bfetch\s*\(|sendBeacon\s*\(|XMLHttpRequest/u.test(code),
    anyClickListener: /\b(?:document|window|body)\s*\.\s*(?:addEventListener\s*\(\s*["'`](?:click|mousedown|mouseup|pointerdown|touchstart)|on(?:click|mousedown)\s*=)/u.test(code),
  };
  let hexIdentifiers = 0;
  for (const _ of code.matchAll(/\b_0x[\da-f]{4,6}\b/giu)) if (++hexIdentifiers >= 10_000) break;
  const obfuscation: ObfuscationMarkers = {
    eval: /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]/u.test(code),
    hexRun: longestHexEscapeRun(code),
    base64Run,
    charCodeRun: charCodes.longest,
    packer: /function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,/u.test(code),
    hexIdentifiers,
  };
  return { index: -1, length: source.length, truncated, affiliateUrls, sinks: { ...sinks, markupTags: [...markup].sort() }, obfuscation };
}

/** Whether a script has anything worth keeping in the features. */
export function scriptIsNotable(s: Pick<InlineScriptFeature, 'affiliateUrls' | 'obfuscation'>): boolean {
  const o = s.obfuscation;
  return s.affiliateUrls.length > 0 || o.eval || o.packer || o.hexRun >= 8 || o.base64Run >= 100 || o.charCodeRun >= 8 || o.hexIdentifiers >= 3;
}
