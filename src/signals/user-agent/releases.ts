import { browserReleases, type BrowserReleaseTable } from './datasets.js';

/** The engine family whose release table dates a user agent, and the major it claims. */
export interface ClaimedRelease {
  /** Table name in `datasets/browser-releases.json`. */
  readonly family: 'chrome' | 'firefox' | 'safari';
  /** The token the major was read from (`Chrome/`, `CriOS/`, `Firefox/`, `Version/`…). */
  readonly token: string;
  /** Claimed major version. */
  readonly major: number;
}

const DAY_MS = 86_400_000;
const CHROME_TOKENS: readonly string[] = ['Chrome/', 'CriOS/', 'HeadlessChrome/'];
const FIREFOX_TOKENS: readonly string[] = ['Firefox/', 'FxiOS/'];

/**
 * Reads the version token that dates a browser. Chromium browsers all carry `Chrome/`.
 * `browserName` is asked for only when a `Version/` token has to be told apart (Safari's or
 * another browser's), so a caller can defer its ua-parser-js parse.
 */
export function claimedRelease(ua: string, browserName: () => string | undefined): ClaimedRelease | undefined {
  for (const token of CHROME_TOKENS) {
    const major = majorAfter(ua, token);
    if (major !== undefined) return { family: 'chrome', token, major };
  }
  for (const token of FIREFOX_TOKENS) {
    const major = majorAfter(ua, token);
    if (major !== undefined) return { family: 'firefox', token, major };
  }
  const major = majorAfter(ua, 'Version/');
  if (major !== undefined) {
    const name = browserName();
    if (name === 'Safari' || name === 'Mobile Safari') return { family: 'safari', token: 'Version/', major };
  }
  return undefined;
}

/** The integer right after `token` in `ua`, if any (at most 4 digits: nothing real is longer). */
export function majorAfter(ua: string, token: string): number | undefined {
  const at = ua.indexOf(token);
  if (at < 0) return undefined;
  let i = at + token.length;
  let value = 0;
  const start = i;
  while (i < ua.length && i - start < 4) {
    const c = ua.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    i++;
  }
  return i > start ? value : undefined;
}

/** Facts about the claimed major, ready to compare with any reference date. */
export interface ReleaseFacts {
  /** The claim. */
  readonly claim: ClaimedRelease;
  /** Latest date the claimed major can have been released (ms since epoch); undefined when newer than the table. */
  readonly releasedBy: number | undefined;
  /** The known major that dated it. */
  readonly datedBy: number | undefined;
  /** The family's table, for projecting which majors can exist at a given date. */
  readonly table: ReleaseTable | undefined;
}

/** A family's release table as parallel ascending arrays. */
export interface ReleaseTable {
  /** Known majors, ascending. */
  readonly majors: readonly number[];
  /** Their release times (ms since epoch). */
  readonly times: readonly number[];
  /** Current days between majors. */
  readonly cadenceDays: number;
}

/**
 * The highest major plausible at `asOf`: the newest known release on or before that date plus
 * one per cadence since, plus two for beta and dev channels. Undefined before the table starts.
 */
export function projectedMaxMajor(t: ReleaseTable, asOf: number): number | undefined {
  let at = -1;
  for (let i = t.times.length - 1; i >= 0; i--) {
    if ((t.times[i] as number) <= asOf) {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  const days = daysBetween(t.times[at] as number, asOf);
  return (t.majors[at] as number) + Math.ceil(days / t.cadenceDays) + 2;
}

const tables = new Map<string, ReleaseTable>();

function table(family: string): ReleaseTable | undefined {
  let t = tables.get(family);
  if (t === undefined) {
    const raw: BrowserReleaseTable | undefined = browserReleases().browsers[family];
    if (raw === undefined) return undefined;
    const sorted = [...raw.releases].sort((a, b) => a.major - b.major);
    t = { majors: sorted.map((r) => r.major), times: sorted.map((r) => Date.parse(`${r.date}T00:00:00Z`)), cadenceDays: raw.cadenceDays };
    tables.set(family, t);
  }
  return t;
}

/** Dates a claim with the smallest known major at or above it, so a sparse table never makes a version look older than it is. */
export function releaseFacts(claim: ClaimedRelease): ReleaseFacts {
  const t = table(claim.family);
  if (t === undefined || t.majors.length === 0) return { claim, releasedBy: undefined, datedBy: undefined, table: undefined };
  let lo = 0;
  let hi = t.majors.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t.majors[mid] as number) < claim.major) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= t.majors.length) return { claim, releasedBy: undefined, datedBy: undefined, table: t };
  return { claim, releasedBy: t.times[lo], datedBy: t.majors[lo], table: t };
}

/** Days from `from` to `to`, rounded down. */
export function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / DAY_MS);
}

/** The default reference date: the day the release table was checked. */
export function defaultAsOf(): number {
  return Date.parse(`${browserReleases().asOf}T00:00:00Z`);
}
