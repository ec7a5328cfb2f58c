import { crawlerUserAgents, curatedBots, type CrawlerUserAgentsEntry, type CuratedBotEntry } from './datasets.js';
import { compileLiterals, type LiteralMatcher, type LiteralPattern } from './literal-matcher.js';
import type { BotCategory, BotInfo, BotOrigin } from './types.js';

/** One compiled bot marker. */
export interface BotPattern extends LiteralPattern {
  /** Bot name reported on a match. */
  readonly name: string;
  /** Bot category reported on a match. */
  readonly category: BotCategory;
  /** Which list it came from. */
  readonly origin: BotOrigin;
  /** Public page describing the bot. */
  readonly source: string | undefined;
}

/** Which lists to compile; tests turn lists off to measure what each contributes. */
export interface BotMatcherSources {
  /** `datasets/bot-agents.json`. */
  readonly curated?: readonly CuratedBotEntry[];
  /** The `crawler-user-agents` package data. */
  readonly crawlerUserAgents?: readonly CrawlerUserAgentsEntry[];
  /** Generic markers (`…bot`, `crawler`, a URL in the agent…). Default true. */
  readonly heuristics?: boolean;
}

/** A compiled bot detector. */
export interface BotMatcher {
  /** The best bot match for `ua`, or undefined. */
  match(ua: string): BotInfo | undefined;
  /** The compiled patterns (tests check their ranks and sources). */
  readonly patterns: readonly BotPattern[];
}

// Markers shared by automation, headless browsers and HTTP libraries are weaker evidence of
// *which* bot than a named crawler, so a named bot anywhere in the agent outranks them.
// Among named bots the one written first wins: agents name themselves before the bots they
// imitate ("acapbot/0.1; treat like Googlebot").
const GENERIC_CATEGORIES: ReadonlySet<BotCategory> = new Set(['http-library', 'headless', 'automation']);
const TIER = 100_000;

/** Maps the crawler-user-agents tags to one category; the most specific tag wins. */
export function categoryFromTags(tags: readonly string[], literal: string): BotCategory {
  const has = (t: string): boolean => tags.includes(t);
  if (has('ai-crawler')) return 'ai-crawler';
  if (has('browser-automation')) return /headless|phantom/iu.test(literal) ? 'headless' : 'automation';
  if (has('scanner')) return 'scanner';
  if (has('http-library')) return 'http-library';
  if (has('social-preview')) return 'social-preview';
  if (has('feed-reader')) return 'feed-reader';
  if (has('monitoring')) return 'monitoring';
  if (has('search-engine')) return 'search-crawler';
  if (has('seo')) return 'seo-tool';
  return 'other-bot';
}

/**
 * Reads a crawler-user-agents pattern as a literal when it is one (anchors and escapes aside).
 * Returns undefined for real regular expressions; the curated list covers those few by hand,
 * which keeps every runtime pattern linear.
 */
export function literalFromRegex(pattern: string): { literal: string; anchorStart: boolean; anchorEnd: boolean } | undefined {
  let body = pattern;
  const anchorStart = body.startsWith('^');
  if (anchorStart) body = body.slice(1);
  const anchorEnd = body.endsWith('$') && !body.endsWith('\\$');
  if (anchorEnd) body = body.slice(0, -1);
  let literal = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === '\\') {
      const next = body[i + 1];
      if (next === undefined || /\w/u.test(next)) return undefined;
      literal += next;
      i++;
    } else if ('[](){}|*+?^$'.includes(ch)) {
      return undefined;
    } else {
      literal += ch;
    }
  }
  // The automaton folds printable ASCII only.
  if (literal.length === 0 || /[^\x20-\x7e]/u.test(literal)) return undefined;
  return { literal, anchorStart, anchorEnd };
}

function nameFromLiteral(literal: string): string {
  let start = 0;
  let end = literal.length;
  while (start < end && !isWordChar(literal.charCodeAt(start))) start++;
  while (end > start && !isWordChar(literal.charCodeAt(end - 1))) end--;
  return end > start ? literal.slice(start, end) : literal;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Compiles the bot lists into one automaton. */
export function createBotMatcher(sources: BotMatcherSources = {}): BotMatcher {
  const curated = sources.curated ?? curatedBots();
  const crawler = sources.crawlerUserAgents ?? crawlerUserAgents();
  const patterns: BotPattern[] = [];

  curated.forEach((entry, index) => {
    const generic = GENERIC_CATEGORIES.has(entry.category);
    patterns.push({
      literal: entry.pattern,
      anchorStart: false,
      anchorEnd: false,
      caseSensitive: false,
      group: generic ? 1 : 0,
      rank: (generic ? 2 : 0) * TIER + index,
      name: entry.name,
      category: entry.category,
      origin: 'curated',
      source: entry.source,
    });
  });

  const fromPackage: BotPattern[] = [];
  for (const entry of crawler) {
    const parsed = literalFromRegex(entry.pattern);
    if (parsed === undefined) continue;
    const category = categoryFromTags(entry.tags ?? [], parsed.literal);
    fromPackage.push({
      ...parsed,
      // The package's patterns are case-sensitive regexes; short ones such as "Yeti" or
      // "Fever" would hit ordinary words if folded.
      caseSensitive: true,
      group: 0,
      rank: 0,
      name: nameFromLiteral(parsed.literal),
      category,
      origin: 'crawler-user-agents',
      source: entry.url,
    });
  }
  // Longer literals are more specific: "Googlebot-Image" names the bot better than "Googlebot".
  fromPackage.sort((a, b) => b.literal.length - a.literal.length);
  fromPackage.forEach((p, index) => {
    const tier = GENERIC_CATEGORIES.has(p.category) ? 3 : 1;
    patterns.push({ ...p, group: tier === 3 ? 1 : 0, rank: tier * TIER + index });
  });

  const matcher: LiteralMatcher = compileLiterals(patterns);
  const heuristics = sources.heuristics ?? true;

  return {
    patterns,
    match(ua) {
      const index = matcher.best(ua);
      if (index >= 0) {
        const p = patterns[index] as BotPattern;
        return { name: p.name, category: p.category, origin: p.origin, matched: p.literal, source: p.source };
      }
      return heuristics ? heuristicMatch(ua) : undefined;
    },
  };
}

// Every fragment judgeWord can accept contains one of these (lower case).
const HEURISTIC_WORDS = /bot|crawl|spider|scraper|headless|uptime|monitor|fetcher|rss|feedreader|preview/u;

// Words that end in "bot" but name real devices or apps used by people.
const HUMAN_BOT_WORDS: ReadonlySet<string> = new Set(['cubot', 'robot', 'talkbot']);

/**
 * Generic markers for bots missing from every list. Token scanning: each word is read once,
 * and only when a linear pre-check finds one of the marker words somewhere in the agent.
 */
export function heuristicMatch(ua: string): BotInfo | undefined {
  const lower = ua.toLowerCase();
  let start = -1;
  // A word can only be judged a bot if it contains one of the words judgeWord looks for, and
  // ordinary browser agents contain none: one search over the whole agent skips the word scan.
  const words = HEURISTIC_WORDS.test(lower) ? lower.length : -1;
  for (let i = 0; i <= words; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    const inWord = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 45;
    if (inWord) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const found = judgeWord(ua, lower, start, i);
      if (found !== undefined) return found;
      start = -1;
    }
  }
  if (lower.includes('http://') || lower.includes('https://') || lower.includes('www.')) {
    return heuristic('Unlisted bot', 'other-bot', ua, 'url-in-agent');
  }
  if (hasEmailAddress(lower)) return heuristic('Unlisted bot', 'other-bot', ua, 'email-in-agent');
  if (ua.trim().length > 0 && !ua.trim().includes(' ')) {
    // A lone "product/version" token (or a bare word): what HTTP clients and scripts send, never a browser.
    const slash = ua.indexOf('/');
    return heuristic((slash > 0 ? ua.slice(0, slash) : ua.trim()).slice(0, 64), 'http-library', ua, 'single-product-token');
  }
  return undefined;
}

/** `name@host.tld` with an alphabetic top-level domain ("android@150.0.0.0" is a version, not an address). */
function hasEmailAddress(lower: string): boolean {
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
    if (lastDot > at + 1 && i - lastDot > 2) {
      let alpha = true;
      for (let k = lastDot + 1; k < i; k++) {
        const c = lower.charCodeAt(k);
        if (c < 97 || c > 122) alpha = false;
      }
      if (alpha) return true;
    }
  }
  return false;
}

function judgeWord(ua: string, lower: string, start: number, end: number): BotInfo | undefined {
  const word = lower.slice(start, end);
  const original = ua.slice(start, end);
  if (word.length > 3 && word.endsWith('bot') && !HUMAN_BOT_WORDS.has(word)) return heuristic(original, 'other-bot', original, word);
  if (word.includes('crawler') || word.includes('spider') || word.includes('scraper') || word === 'crawl') {
    return heuristic(original, 'other-bot', original, word);
  }
  if (word.includes('headless')) return heuristic(original, 'headless', original, word);
  if (word.includes('uptime') || word.includes('monitor')) return heuristic(original, 'monitoring', original, word);
  if (word.endsWith('fetcher') || word === 'rss' || word.includes('feedreader')) return heuristic(original, 'feed-reader', original, word);
  if (word === 'preview' || word.endsWith('preview')) return heuristic(original, 'social-preview', original, word);
  return undefined;
}

function heuristic(name: string, category: BotCategory, _ua: string, matched: string): BotInfo {
  return { name: printable(name), category, origin: 'heuristic', matched: printable(matched), source: undefined };
}

/** Names taken from the input end up in logs and terminals: no control characters. */
function printable(text: string): string {
  let out = '';
  for (let i = 0; i < text.length && i < 64; i++) {
    const c = text.charCodeAt(i);
    out += c < 32 || c === 127 ? '?' : text[i];
  }
  return out;
}
