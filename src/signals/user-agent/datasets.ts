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

let releases: BrowserReleases | undefined;
/** The browser release table, read once. */
export function browserReleases(): BrowserReleases {
  releases ??= readJson('browser-releases.json') as BrowserReleases;
  return releases;
}
