/**
 * The site pack's screening: `screenUrl` (fetch → optional probes and cloaking check →
 * analyse → evaluate) and `analyzePage` (analyse → evaluate, no network), both with a loaded
 * rule set. The public `screenSite` and `analyzeHtml` (in `builtin.ts`) load it.
 * @module
 */
import type { Dispatcher } from 'undici';
import { evaluate, type Evaluation } from '../engine/evaluate.js';
import type { RuleSet, RuleSetInput } from '../engine/load-ruleset.js';
import type { Registry } from '../engine/registry.js';
import { analyzeSite, autoLoadedAffiliateUrls, compareCloaking, probeFeatures, type AnalyzeLimits } from './analyze.js';
import { fetchSite } from './fetch.js';
import type { FetchedSite, FetchLimits, LookupFunction, ProbeResult } from './fetch-types.js';
import type { SiteFeatures } from './features.js';
import { probeUrl } from './probe.js';

/** The user agent of the cloaking check's second fetch: the crawler stuffers hide from. */
export const CRAWLER_USER_AGENT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** What a report says about the fetch. Timings are left out so reports of the same page compare byte for byte. */
export interface SiteFetchSummary {
  /** Final HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** Media type of the final response, or null. */
  readonly contentType: string | null;
  /** Body bytes read (after decompression). */
  readonly bodyBytes: number;
  /** Whether the body cap cut the page. */
  readonly truncated: boolean;
  /** Redirects followed (hops minus one). */
  readonly redirects: number;
  /** Why the fetch did not complete normally, or null. */
  readonly failure: { readonly code: string; readonly message: string } | null;
  /** URLs probed (auto-loaded affiliate URLs), when probing was on. */
  readonly probed: readonly string[];
  /** Whether the cloaking check's crawler fetch ran and returned HTML. */
  readonly cloakingChecked: boolean;
}

/** The result of screening one site: the engine's evaluation plus what was screened. */
export interface SiteReport extends Evaluation<'site'> {
  /** The URL screened, as given. */
  readonly url: string;
  /** The URL the page was finally served from. */
  readonly finalUrl: string;
  /** The fetch summary, or null for `analyzeHtml`. */
  readonly fetch: SiteFetchSummary | null;
  /** Every feature the rules read: re-score them with `evaluate('site', report.features, ruleSet)`. */
  readonly features: SiteFeatures;
}

/** Options shared by {@link screenSite} and {@link analyzeHtml}. */
export interface SiteScreenOptions {
  /** Rule set: a built-in name, a path, an object or a loaded set. Default `onboarding`. */
  ruleSet?: RuleSetInput;
  /** Rules the rule set may name, and that score the site; defaults to the built-in rules (or a loaded set's own). */
  registry?: Registry;
  /** Merchant registrable domains: links to them with a query string count as affiliate links; probes stop there. */
  merchantDomains?: readonly string[];
  /** Merchant brand terms for `site/brand-typosquat`. */
  brandTerms?: readonly string[];
  /** Analysis bounds (elements, depth, script and text sizes). */
  analyzeLimits?: AnalyzeLimits;
}

/** Options of {@link analyzeHtml}. */
export interface AnalyzeHtmlOptions extends SiteScreenOptions {
  /** The page's URL (resolves relative links; its domain is the applicant's). */
  url: string;
  /** What your own crawler recorded, in the fetch layer's shape, if you have it. */
  fetched?: FetchedSite;
  /** Probe results, if you probed. */
  probes?: readonly ProbeResult[];
  /** The page as your crawler saw it under a search-crawler user agent, for the cloaking check. */
  cloakingHtml?: string | null;
}

/** Options of {@link screenSite}. */
export interface ScreenSiteOptions extends SiteScreenOptions {
  /** Probe auto-loaded affiliate URLs (at most `maxProbes`) to prove cookies are set without a click. Default false. */
  probe?: boolean;
  /** Most URLs probed. Default 5. */
  maxProbes?: number;
  /** Fetch again as a search crawler and compare. Default false. */
  cloaking?: boolean;
  /** Fetch limits (timeouts, redirects, body bytes). */
  limits?: FetchLimits;
  /** Allow private/loopback targets (see `FetchOptions.allowPrivateNetwork`). Default false. */
  allowPrivateNetwork?: boolean | 'loopback';
  /** Ports URLs may name (see `FetchOptions.allowedPorts`). */
  allowedPorts?: number[];
  /** An undici dispatcher (proxy, custom DNS, or a test harness). */
  dispatcher?: Dispatcher;
  /** DNS resolver for the SSRF guard. */
  lookup?: LookupFunction;
  /** User agent of the main fetch; default a mainstream desktop browser. */
  userAgent?: string;
  /** User agent of the cloaking check's fetch; default Googlebot's. */
  crawlerUserAgent?: string;
  /** Aborts the fetches. */
  signal?: AbortSignal;
}

function report(features: SiteFeatures, ruleSet: RuleSet, fetch: SiteFetchSummary | null): SiteReport {
  const evaluation = evaluate('site', features, ruleSet);
  return { ...evaluation, url: features.url, finalUrl: features.finalUrl, fetch, features };
}

/** @internal `analyzeHtml` with its rule set loaded. */
export function analyzePage(html: string, options: AnalyzeHtmlOptions, ruleSet: RuleSet): SiteReport {
  const input = { html, url: options.url, ...(options.fetched === undefined ? {} : { fetched: options.fetched }), ...(options.probes === undefined ? {} : { probes: options.probes }), cloakingHtml: options.cloakingHtml ?? null };
  const features = analyzeSite(input, analyzeOptions(options));
  return report(features, ruleSet, null);
}

function analyzeOptions(options: SiteScreenOptions) {
  return { merchantDomains: options.merchantDomains ?? [], brandTerms: options.brandTerms ?? [], ...(options.analyzeLimits === undefined ? {} : { limits: options.analyzeLimits }) };
}

/** @internal `screenSite` with its rule set loaded (so a bad one has failed before any network traffic). */
export async function screenUrl(url: string, options: ScreenSiteOptions, ruleSet: RuleSet): Promise<SiteReport> {
  const fetchOptions = {
    ...(options.allowPrivateNetwork === undefined ? {} : { allowPrivateNetwork: options.allowPrivateNetwork }),
    ...(options.allowedPorts === undefined ? {} : { allowedPorts: options.allowedPorts }),
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const fetched = await fetchSite(url, { ...fetchOptions, ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }) });
  const analyzeOpts = analyzeOptions(options);
  let features = analyzeSite({ html: fetched.html, url, fetched }, analyzeOpts);
  let probed: string[] = [];
  if (options.probe === true && features.analysed) {
    probed = autoLoadedAffiliateUrls(features).slice(0, options.maxProbes ?? 5);
    const results: ProbeResult[] = [];
    for (const target of probed) {
      results.push(await probeUrl(target, { ...fetchOptions, merchantDomains: [...features.merchantDomains], ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }) }));
    }
    features = { ...features, probes: probeFeatures(results, features.merchantDomains) };
  }
  let cloakingChecked = false;
  if (options.cloaking === true && features.analysed) {
    const crawler = await fetchSite(url, { ...fetchOptions, userAgent: options.crawlerUserAgent ?? CRAWLER_USER_AGENT });
    if (crawler.html !== null) {
      cloakingChecked = true;
      features = { ...features, cloaking: compareCloaking(features, crawler.html, analyzeOpts) };
    }
  }
  const summary: SiteFetchSummary = {
    status: fetched.status,
    contentType: fetched.contentType,
    bodyBytes: fetched.bodyBytes,
    truncated: fetched.truncated,
    redirects: Math.max(0, fetched.redirects.length - 1),
    failure: fetched.failure === null ? null : { code: fetched.failure.code, message: fetched.failure.message },
    probed,
    cloakingChecked,
  };
  return report(features, ruleSet, summary);
}
