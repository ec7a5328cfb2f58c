import type { GrammarEntry, GrammarShapeId, GrammarTrap } from './datasets.js';
import { compileLiterals, isAlnum, type LiteralMatcher } from './literal-matcher.js';
import { signal } from './suspicion.js';
import type { AgentSignal, BotCategory, BotInfo } from './types.js';

/** A bot found by the generic grammar, with the signal that explains it. */
export interface GenericFinding {
  /** The bot, with origin `heuristic`. */
  readonly bot: BotInfo;
  /** The `unlisted-bot` signal naming the rule that fired and its evidence. */
  readonly signal: AgentSignal;
}

/** The generic grammar for agents that no named list knows. */
export interface Grammar {
  /**
   * Self-describing words, library and application tokens, contact URLs and e-mail addresses,
   * then the shapes that decide whatever a parser reads (`compatible;` naming no browser, a
   * single token, MSIE without Mozilla).
   */
  words(ua: string): GenericFinding | undefined;
  /** Shape checks for an agent in which no browser was recognised (run after the parser). */
  structure(ua: string): GenericFinding | undefined;
}

const CHECK_BY_CATEGORY: Partial<Record<BotCategory, string>> = { 'http-library': 'library-token', 'app-client': 'app-client' };

const ALL_SHAPES: readonly GrammarShapeId[] = ['no-browser-grammar', 'mozilla-without-platform', 'compatible-without-browser', 'compatible-not-a-browser', 'msie-without-mozilla', 'single-token'];

// The browsers that wrote "compatible;" in their agents; any other product there is a client
// borrowing the form ("… Safari/537.36 (compatible; Foo/2.1; +https://…)").
const COMPATIBLE_BROWSERS = ['msie', 'konqueror', 'opera', 'icab', 'omniweb', 'ibrowse', 'netpositive', 'amigavoyager', 'abrowse', 'webpositive', 'netfront'];

/**
 * Compiles the word, trap and shape lists of `datasets/ua-grammar.json` (or a subset, for
 * held-out measurement). Shapes not listed are off; `shapes` undefined switches all on.
 */
export function createGrammar(entries: readonly GrammarEntry[], traps: readonly GrammarTrap[], shapes: readonly GrammarShapeId[] = ALL_SHAPES): Grammar {
  const on = new Set(shapes);
  const matcher: LiteralMatcher = compileLiterals(
    entries.map((e, index) => ({
      literal: e.text,
      anchorStart: false,
      anchorEnd: false,
      caseSensitive: false,
      group: 0,
      rank: index,
      wordStart: e.match === 'word' || e.match === 'prefix',
      wordEnd: e.match === 'word' || e.match === 'suffix',
    })),
  );
  const human = new Set(traps.map((t) => t.word.toLowerCase()));

  function words(ua: string): GenericFinding | undefined {
    let best = -1;
    let bestStart = 0;
    let engine: boolean | undefined;
    matcher.each(ua, (index, start) => {
      // The lowest entry wins, at its first accepted place: later hits of it change nothing.
      if (best >= 0 && index >= best) return;
      const entry = entries[index] as GrammarEntry;
      if (entry.inBrowser === false && (engine ??= hasBrowserEngine(ua))) return;
      if (human.size > 0 && human.has(enclosingWord(ua, start, start + entry.text.length).toLowerCase())) return;
      best = index;
      bestStart = start;
    });
    if (best >= 0) {
      const entry = entries[best] as GrammarEntry;
      const token = enclosingToken(ua, bestStart, bestStart + entry.text.length);
      const check = CHECK_BY_CATEGORY[entry.category] ?? 'self-described';
      const message =
        check === 'self-described'
          ? `The agent describes itself as "${token}" (the word "${entry.text}"): browsers never do.`
          : check === 'library-token'
            ? `The agent names an HTTP client library or tool, "${token}".`
            : `The agent names an application that fetches links itself, "${token}", without a browser engine showing the page.`;
      return finding(entry.name ?? token, entry.category, entry.text, check, message, { token, word: entry.text });
    }
    return contact(ua) ?? earlyShape(ua, on);
  }

  return { words, structure: (ua) => structure(ua, on) };
}

/** Shapes that decide even when a parser reads a browser name into the agent. */
function earlyShape(ua: string, on: ReadonlySet<GrammarShapeId>): GenericFinding | undefined {
  const text = ua.trim();
  if (text.length === 0 || appStack(text)) return undefined;
  if (on.has('compatible-not-a-browser')) {
    const claimed = compatibleClaim(text);
    if (claimed !== undefined) {
      return finding(claimed, 'other-bot', claimed, 'compatible-not-a-browser', `"compatible; ${claimed}" names no browser: only browsers and crawlers use the form, and this is not a browser.`, { token: claimed });
    }
  }
  if (text.startsWith('Mozilla/')) return undefined;
  if (on.has('single-token') && !text.includes(' ')) {
    const token = firstProduct(text);
    return finding(token, 'other-bot', token, 'single-token', `The whole agent is one token, "${printable(text)}": browsers always add a platform.`, { token });
  }
  if (on.has('msie-without-mozilla') && text.includes('MSIE ')) {
    const token = firstProduct(text);
    return finding(token, 'other-bot', token, 'msie-without-mozilla', `The agent claims MSIE but starts with "${token}": Internet Explorer always started with Mozilla/.`, { token });
  }
  return undefined;
}

function finding(name: string, category: BotCategory, matched: string, check: string, message: string, evidence: Record<string, string>): GenericFinding {
  const bot: BotInfo = Object.freeze({ name: printable(name), category, origin: 'heuristic', matched: printable(matched), source: undefined });
  return { bot, signal: signal('unlisted-bot', check, message, evidence) };
}

/** A contact URL or e-mail address: what crawler operators put in their agents, never browsers. */
function contact(ua: string): GenericFinding | undefined {
  const lower = ua.toLowerCase();
  const at = urlStart(lower);
  if (at >= 0) {
    const url = printable(ua.slice(at, endOfToken(ua, at)));
    return finding(nameBefore(ua, at), 'other-bot', url, 'contact-url', `The agent carries a contact URL, ${url}: browsers never do.`, { url });
  }
  const email = emailAddress(lower);
  if (email !== undefined) {
    const address = printable(ua.slice(email[0], email[1]));
    return finding(nameBefore(ua, email[0]), 'other-bot', address, 'contact-email', `The agent carries an e-mail address, ${address}: browsers never do.`, { email: address });
  }
  return undefined;
}

function urlStart(lower: string): number {
  const candidates = [lower.indexOf('http://'), lower.indexOf('https://'), lower.indexOf('www.')].filter((i) => i >= 0);
  return candidates.length === 0 ? -1 : Math.min(...candidates);
}

function structure(ua: string, on: ReadonlySet<GrammarShapeId>): GenericFinding | undefined {
  const text = ua.trim();
  if (text.length === 0) return undefined;
  if (appStack(text)) return undefined;
  if (!text.startsWith('Mozilla/')) {
    if (!on.has('no-browser-grammar')) return undefined;
    const token = firstProduct(text);
    return finding(token, 'other-bot', token, 'no-browser-grammar', `"${token}" is not a browser's product token, and no browser was recognised in the agent.`, { token });
  }
  const afterVersion = text.indexOf(' ');
  if (afterVersion < 0) return undefined;
  const rest = text.slice(afterVersion + 1).trimStart();
  if (!rest.startsWith('(')) {
    if (!on.has('mozilla-without-platform')) return undefined;
    const token = firstProduct(rest);
    return finding(token, 'other-bot', token, 'mozilla-without-platform', `The agent says "Mozilla" but gives no platform in parentheses; "${token}" follows instead.`, { token });
  }
  const close = rest.indexOf(')');
  const comment = rest.slice(1, close < 0 ? rest.length : close);
  if (on.has('compatible-without-browser') && comment.toLowerCase().startsWith('compatible')) {
    const token = compatibleToken(comment);
    // A browser the parser does not know (NetPositive, IBrowse) still wrote the form itself.
    if (COMPATIBLE_BROWSERS.some((b) => token.toLowerCase().startsWith(b))) return undefined;
    return finding(token, 'other-bot', token, 'compatible-without-browser', `A "compatible" agent that names no browser engine: "${token}".`, { token, comment: printable(comment) });
  }
  return undefined;
}

/** An app's own HTTP stack (iOS CFNetwork, Android Dalvik/okhttp, Flutter): a person's app, not a crawler, and not a browser either. */
function appStack(text: string): boolean {
  return text.includes('CFNetwork/') || text.includes('Dalvik/') || text.includes('Darwin/') || text.includes('okhttp/') || text.includes('Flutter') || text.includes('dart:io');
}

/** A browser engine token: WebKit, Gecko, Trident, Presto or an MSIE version. */
export function hasBrowserEngine(ua: string): boolean {
  return ua.includes('AppleWebKit/') || ua.includes('Gecko/') || ua.includes('Trident/') || ua.includes('Presto/') || ua.includes('MSIE ');
}

/**
 * A WebKit view inside an app (iOS WKWebView, Android WebView): Mozilla, a phone or desktop
 * platform and a WebKit engine, but often no browser name a parser knows. In-app browsers
 * (social, messaging and mail apps) send this shape and are people.
 */
export function isWebViewShape(ua: string): boolean {
  return ua.startsWith('Mozilla/5.0 (') && !ua.startsWith('Mozilla/5.0 (compatible') && ua.includes(') AppleWebKit/') && ua.includes('(KHTML, like Gecko)');
}

/** The product after "compatible;" when it is not one of the browsers that used the form. */
function compatibleClaim(text: string): string | undefined {
  const lower = text.toLowerCase();
  const at = lower.indexOf('compatible;');
  if (at < 0) return undefined;
  const clause = lower.slice(at + 'compatible;'.length, at + 'compatible;'.length + 80);
  const parts = clause.split(/[;)]/u).map((p) => p.trim());
  // Old security tokens (U, I, N) and empty parts say nothing: read the first real product.
  const first = parts.find((p) => p.length > 1);
  if (first === undefined || COMPATIBLE_BROWSERS.some((b) => first.startsWith(b))) return undefined;
  const start = at + 'compatible;'.length + clause.indexOf(first);
  return printable(text.slice(start, start + first.length));
}

function compatibleToken(comment: string): string {
  const parts = comment.split(';').map((p) => p.trim()).filter((p) => p.length > 0 && p.toLowerCase() !== 'compatible');
  return printable(parts[0] ?? 'compatible');
}

function firstProduct(text: string): string {
  let end = 0;
  while (end < text.length && end < 64 && text.charCodeAt(end) !== 32 && text.charCodeAt(end) !== 47 && text.charCodeAt(end) !== 40) end++;
  return printable(end > 0 ? text.slice(0, end) : text.slice(0, 64));
}

function endOfToken(text: string, from: number): number {
  let i = from;
  while (i < text.length && i - from < 80) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 41 || c === 59 || c === 44 || c === 62 || c === 34) break;
    i++;
  }
  return i;
}

/** The product named before a contact: "Foo/1.0 (+http://…)" is Foo; without one, "Unlisted bot". */
function nameBefore(ua: string, at: number): string {
  const tokens = ua.slice(0, at).split(/[\s;()]+/u);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] as string;
    const slash = token.indexOf('/');
    const name = slash > 0 ? token.slice(0, slash) : '';
    if (name.length > 1 && name !== 'Mozilla' && isAlnum(name.charCodeAt(0))) return name;
  }
  const compatible = /compatible;\s*([A-Za-z][\w.-]{1,40})/u.exec(ua.slice(0, at));
  return compatible?.[1] ?? 'Unlisted bot';
}

/** The maximal run of letters and digits around a match (for the trap list). */
function enclosingWord(text: string, start: number, end: number): string {
  let s = start;
  let e = end;
  while (s > 0 && isAlnum(text.charCodeAt(s - 1))) s--;
  while (e < text.length && isAlnum(text.charCodeAt(e))) e++;
  return text.slice(s, e);
}

/** The product token around a match: letters, digits and `._-`, cut before its version. */
function enclosingToken(text: string, start: number, end: number): string {
  const inToken = (c: number): boolean => isAlnum(c) || c === 45 || c === 46 || c === 95;
  let s = start;
  let e = end;
  while (s > 0 && start - s < 48 && inToken(text.charCodeAt(s - 1))) s--;
  while (e < text.length && e - end < 48 && inToken(text.charCodeAt(e))) e++;
  const isPunct = (c: number): boolean => c === 45 || c === 46 || c === 95;
  while (s < e && isPunct(text.charCodeAt(s))) s++;
  while (e > s && isPunct(text.charCodeAt(e - 1))) e--;
  return text.slice(s, e);
}

/** `name@host.tld` with an alphabetic top-level domain ("android@150.0.0.0" is a version, not an address). */
export function emailAddress(lower: string): [number, number] | undefined {
  for (let at = lower.indexOf('@'); at > 0; at = lower.indexOf('@', at + 1)) {
    let i = at + 1;
    let lastDot = -1;
    while (i < lower.length) {
      const c = lower.charCodeAt(i);
      const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46;
      if (!ok) break;
      if (c === 46) lastDot = i;
      i++;
    }
    let end = i;
    while (end > at && lower.charCodeAt(end - 1) === 46) end--;
    if (lastDot >= end) lastDot = lower.lastIndexOf('.', end - 1);
    if (lastDot > at + 1 && end - lastDot > 2) {
      let alpha = true;
      for (let k = lastDot + 1; k < end; k++) {
        const c = lower.charCodeAt(k);
        if (c < 97 || c > 122) alpha = false;
      }
      let s = at;
      while (s > 0 && isAddressChar(lower.charCodeAt(s - 1))) s--;
      if (alpha && s < at) return [s, end];
    }
  }
  return undefined;
}

function isAddressChar(c: number): boolean {
  return isAlnum(c) || c === 46 || c === 95 || c === 45 || c === 43;
}

/** Names taken from the input end up in logs and terminals: no control characters, at most 64 characters. */
export function printable(text: string): string {
  let out = '';
  for (let i = 0; i < text.length && i < 64; i++) {
    const c = text.charCodeAt(i);
    out += c < 32 || c === 127 ? '?' : text[i];
  }
  return out;
}
