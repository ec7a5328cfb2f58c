/**
 * The composition root: the built-in registry (every rule pack partnerguard ships) and the
 * public entry points that default to it. The engine knows no rules and the subject packs
 * know no defaults; this module wires them together, and nothing below it imports it.
 *
 * Each entry point takes a `registry` (default: {@link builtinRegistry}) and a rule set; a
 * rule set already loaded carries the registry it was loaded with.
 *
 * @module
 */
import { createRegistry, type Registry } from './engine/registry.js';
import {
  checkRuleSet as checkWith,
  isLoaded,
  loadRuleSet as loadWith,
  type LoadRuleSetOptions,
  type RuleSet,
  type RuleSetCheck,
  type RuleSetInput,
} from './engine/load-ruleset.js';
import { trafficRules } from './clicks/rules/index.js';
import type { ScanOptions } from './clicks/scan/options.js';
import type { ScanReport } from './clicks/scan/report.js';
import { scanClickSource } from './clicks/scan-clicks.js';
import { createScreener, type ClickScreener, type ClickScreenerOptions } from './clicks/screener.js';
import type { ClickSource } from './clicks/types.js';
import { analyzeHtmlWith, screenUrl, type AnalyzeHtmlOptions, type ScreenSiteOptions, type SiteReport } from './site/screen-site.js';
import { siteRules } from './site/rules/index.js';

/** Every rule partnerguard ships, sorted by id. */
export const builtinRegistry: Registry = createRegistry([...siteRules, ...trafficRules]);

/** The registry an entry point uses: the one named, else the loaded set's own, else the built-in one. */
function registryFor(input: unknown, registry: Registry | undefined): Registry {
  return registry ?? (isLoaded(input) ? input.registry : builtinRegistry);
}

/**
 * Checks a rule set and returns the result instead of throwing. Never throws for bad input:
 * unreadable files, invalid JSON, hostile nesting and schema violations all become issues.
 */
export function checkRuleSet(input: RuleSetInput, options: LoadRuleSetOptions = {}): RuleSetCheck {
  return checkWith(input, { ...options, registry: registryFor(input, options.registry) });
}

/**
 * Loads a rule set by built-in name (`onboarding`, `traffic`), file path, or object; merges its
 * `extends` chain, applies rule defaults and validates the result against `options.registry`
 * (default: the built-in rules), which the returned set carries for `evaluate`.
 *
 * @throws {RuleSetError} with one issue per problem, each naming the path of the offending field.
 */
export function loadRuleSet(input: RuleSetInput, options: LoadRuleSetOptions = {}): RuleSet {
  return loadWith(input, { ...options, registry: registryFor(input, options.registry) });
}

function ruleSetOf(input: RuleSetInput | undefined, fallback: string, registry: Registry | undefined): RuleSet {
  const given = input ?? fallback;
  return loadWith(given, { registry: registryFor(given, registry) });
}

/**
 * Scores HTML you fetched yourself (your crawler, a headless browser). No network access.
 * Deterministic: the same HTML, options and rule set give byte-identical JSON.
 */
export function analyzeHtml(html: string, options: AnalyzeHtmlOptions): SiteReport {
  return analyzeHtmlWith(html, options, ruleSetOf(options.ruleSet, 'onboarding', options.registry));
}

/**
 * Fetches an applicant's URL through the SSRF guard, optionally probes the affiliate URLs it
 * loads by itself and re-fetches it as a crawler, analyses the page and scores it.
 * Never rejects for a refused or failed fetch: that becomes a `site/fetch-refused` hit.
 * A bad rule set fails before any network traffic.
 */
export async function screenSite(url: string, options: ScreenSiteOptions = {}): Promise<SiteReport> {
  return screenUrl(url, options, ruleSetOf(options.ruleSet, 'onboarding', options.registry));
}

/**
 * Scans a click stream (and optionally its conversions) and scores every partner.
 *
 * Streams with backpressure; memory grows with the distinct keys inside the click windows,
 * the conversions and the partners, never with the number of clicks. Bad rows are counted
 * (and written to `rejects`), never fatal. With `workers > 1` the file is scanned by worker
 * threads sharded by partner and the merged report is identical to a single-thread scan.
 *
 * @example
 * ```ts
 * const report = await scanClicks('clicks.ndjson.gz', { conversions: 'conversions.csv', partners: 'partners.json' });
 * for (const p of report.partners) console.log(p.partnerId, p.action, p.score);
 * ```
 */
export async function scanClicks(clicks: ClickSource, options: ScanOptions = {}): Promise<ScanReport> {
  const startedAt = Date.now();
  const ruleSet = ruleSetOf(options.ruleSet, 'traffic', options.registry);
  return scanClickSource(clicks, options, ruleSet, { startedAt, builtin: ruleSet.registry === builtinRegistry });
}

/**
 * Creates an online screener: `score(click)` returns a verdict in microseconds, keeping
 * only bounded state (sliding windows per IP and partner, bounded classifier caches). A
 * click that is not a valid `Click` throws an `InputError`.
 *
 * @example
 * ```ts
 * const screener = createClickScreener({ ruleSet: 'traffic' });
 * const verdict = screener.score({ clickId: 'c1', timestamp: Date.now(), partnerId: 'p1', ip: '203.0.113.9', userAgent: 'curl/8.4.0' });
 * if (verdict.action === 'block') respondWithoutRedirect();
 * ```
 */
export function createClickScreener(options: ClickScreenerOptions = {}): ClickScreener {
  return createScreener(options, ruleSetOf(options.ruleSet, 'traffic', options.registry));
}
