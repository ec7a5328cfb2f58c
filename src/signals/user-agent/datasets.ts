import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BotCategory } from './types.js';

/** One entry of `datasets/bot-agents.json`. */
export interface CuratedBotEntry {
  /** Literal marker, matched case-insensitively anywhere in the user agent. */
  readonly pattern: string;
  /** Human name of the bot. */
  readonly name: string;
  /** Its category. */
  readonly category: BotCategory;
  /** Public page describing it. */
  readonly source: string;
}

/** One entry of the `crawler-user-agents` npm package (MIT). */
export interface CrawlerUserAgentsEntry {
  /** A (mostly literal) regular expression, case-sensitive. */
  readonly pattern: string;
  /** The bot's page. */
  readonly url?: string;
  /** Example user agents. */
  readonly instances: readonly string[];
  /** The package's own categorisation. */
  readonly tags?: readonly string[];
  /** What the bot does. */
  readonly description?: string;
}

/** One word of the generic grammar, `datasets/ua-grammar.json`. */
export interface GrammarEntry {
  /** The literal, ASCII, matched case-insensitively. */
  readonly text: string;
  /** Where in a word it must sit: the whole word, its end, its start, or anywhere. */
  readonly match: 'word' | 'suffix' | 'prefix' | 'any';
  /** Category reported when it decides. */
  readonly category: BotCategory;
  /** False: counts only in an agent without a browser engine token. Default true. */
  readonly inBrowser?: boolean;
  /** Bot name to report instead of the token found around the match. */
  readonly name?: string;
  /** `technique`, or the corpus source whose misses the entry was added for. */
  readonly tunedOn: string;
}

/** A whole word that contains a grammar word but names a person's device or app. */
export interface GrammarTrap {
  /** The whole word, compared case-insensitively. */
  readonly word: string;
  /** `technique`, or the corpus source whose false positive it was added for. */
  readonly tunedOn: string;
  /** What it is. */
  readonly note: string;
}

/** Identifiers of the grammar's structural checks. */
export type GrammarShapeId = 'no-browser-grammar' | 'mozilla-without-platform' | 'compatible-without-browser' | 'compatible-not-a-browser' | 'msie-without-mozilla' | 'single-token';

/** One structural check switched on. */
export interface GrammarShape {
  /** Which check. */
  readonly id: GrammarShapeId;
  /** `technique`, or the corpus source whose misses it was added for. */
  readonly tunedOn: string;
  /** What it looks for. */
  readonly note?: string;
}

/** `datasets/ua-grammar.json`. */
export interface UserAgentGrammar {
  /** Words in priority order. */
  readonly entries: readonly GrammarEntry[];
  /** Words that must not count. */
  readonly human: readonly GrammarTrap[];
  /** Structural checks switched on; absent: all of them. */
  readonly shapes?: readonly GrammarShape[];
  /** Apps whose in-app browser carries their name; a named match on one inside a WebView agent does not count. */
  readonly inApp?: readonly { readonly name: string; readonly tunedOn: string }[];
}

/** One dated major release. */
export interface MajorRelease {
  /** Major version number. */
  readonly major: number;
  /** Stable release date, `YYYY-MM-DD`. */
  readonly date: string;
  /** Where the date was read. */
  readonly source: string;
}

/** The release table of one browser family. */
export interface BrowserReleaseTable {
  /** Days between majors at the current rhythm; used to project the newest plausible major. */
  readonly cadenceDays: number;
  /** Known majors, ascending; may be sparse. */
  readonly releases: readonly MajorRelease[];
}

/** `datasets/browser-releases.json`. */
export interface BrowserReleases {
  /** The date the table was last checked, `YYYY-MM-DD`; the default reference date. */
  readonly asOf: string;
  /** Tables by family: `chrome`, `firefox`, `safari`, `edge`. */
  readonly browsers: Readonly<Record<string, BrowserReleaseTable>>;
}

// Resolved from this module so the same path works from src/ (vitest, tsx) and dist/ (published).
const datasetsDir = new URL('../../../datasets/', import.meta.url);

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, datasetsDir), 'utf8'));
}

let curated: readonly CuratedBotEntry[] | undefined;
/** The curated bot list, read once. */
export function curatedBots(): readonly CuratedBotEntry[] {
  curated ??= (readJson('bot-agents.json') as { entries: CuratedBotEntry[] }).entries;
  return curated;
}

let crawlerList: readonly CrawlerUserAgentsEntry[] | undefined;
/** The `crawler-user-agents` package data, read once. */
export function crawlerUserAgents(): readonly CrawlerUserAgentsEntry[] {
  crawlerList ??= createRequire(import.meta.url)('crawler-user-agents') as CrawlerUserAgentsEntry[];
  return crawlerList;
}

let grammar: UserAgentGrammar | undefined;
/** The generic grammar's word and trap lists, read once. */
export function userAgentGrammar(): UserAgentGrammar {
  grammar ??= readJson('ua-grammar.json') as UserAgentGrammar;
  return grammar;
}

let releases: BrowserReleases | undefined;
/** The browser release table, read once. */
export function browserReleases(): BrowserReleases {
  releases ??= readJson('browser-releases.json') as BrowserReleases;
  return releases;
}
