import { crawlerUserAgents, curatedBots, userAgentGrammar, type CrawlerUserAgentsEntry, type CuratedBotEntry, type UserAgentGrammar } from './datasets.js';
import { createGrammar, isWebViewShape, type GenericFinding } from './grammar.js';
import { compileLiterals, type LiteralMatcher, type LiteralPattern } from './literal-matcher.js';
import type { AgentSignal, BotCategory, BotInfo, BotOrigin } from './types.js';

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
  /** The generic grammar (`datasets/ua-grammar.json` by default); false turns it off. */
  readonly grammar?: UserAgentGrammar | false;
  /** Same as `grammar: false` when false. Default true. */
  readonly heuristics?: boolean;
}

/** A bot match, with the `unlisted-bot` signal when the generic grammar found it. */
export interface BotMatch {
  /** The bot. */
  readonly bot: BotInfo;
  /** Why the grammar called it a bot; absent for a named-list match. */
  readonly signal: AgentSignal | undefined;
}

/** A compiled bot detector. */
export interface BotMatcher {
  /** The best bot match for `ua`: named lists first, then the grammar's words; or undefined. */
  match(ua: string): BotMatch | undefined;
  /** The grammar's shape checks, for an agent in which no browser was recognised. */
  structure(ua: string): BotMatch | undefined;
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
      // Library and tool names are short words ("PHP/", "Ruby"): inside a longer word they
      // name something else (a browser extension such as FirePHP/0.4).
      wordStart: generic && isWordChar(entry.pattern.charCodeAt(0)),
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
  const lists = sources.heuristics === false || sources.grammar === false ? undefined : (sources.grammar ?? userAgentGrammar());
  const grammar = lists === undefined ? undefined : createGrammar(lists.entries, lists.human, lists.shapes?.map((shape) => shape.id));
  const fromGrammar = (found: GenericFinding | undefined): BotMatch | undefined => (found === undefined ? undefined : { bot: found.bot, signal: found.signal });
  // Link-preview bots of messaging apps share the app's name with its in-app browser
  // ("… Safari/537.36 Viber/11.9"): inside a WebView agent the name is the browser's.
  const inApp = new Set((lists?.inApp ?? []).map((a) => a.name.toLowerCase()));
  // The matched text decides, not the reported name: "Snap URL Preview" is Snapchat's bot, named so.
  const isInAppName = (p: BotPattern): boolean => inApp.has(nameFromLiteral(p.literal).toLowerCase());

  return {
    patterns,
    match(ua) {
      const index = matcher.best(ua);
      const p = index >= 0 ? (patterns[index] as BotPattern) : undefined;
      if (p !== undefined && !(inApp.size > 0 && isInAppName(p) && isWebViewShape(ua))) {
        return { bot: { name: p.name, category: p.category, origin: p.origin, matched: p.literal, source: p.source }, signal: undefined };
      }
      return fromGrammar(grammar?.words(ua));
    },
    structure(ua) {
      return fromGrammar(grammar?.structure(ua));
    },
  };
}
