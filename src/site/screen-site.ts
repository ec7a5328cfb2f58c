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
import { analyzePage, mergeParts } from './analyze-page.js';
import { autoLoadedAffiliateUrls } from './analyze/auto-loaded.js';
import { compareCloaking } from './analyze/cloaking.js';
import { probeFeatures } from './analyze/fetch-features.js';
import type { AnalyzeLimits } from './analyze/options.js';
import { SiteDeadline } from './deadline.js';
import { fetchSite } from './fetch.js';
import type { FetchedSite, FetchLimits, LookupFunction, ProbeResult } from './fetch-types.js';
import type { SiteFeatures } from './features.js';
import { probeUrl } from './probe.js';
import type { RenderFeatures } from './render-features.js';
import { findChromium } from './render/locate.js';
import { createRenderer, resolveRenderOptions, type Renderer, type RenderOptions } from './render/renderer.js';
import { withSharedRenderer } from './render/shared.js';
import { followSameSite } from './same-site.js';

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
  /** Hidden same-site frames and images requested (static following). */
  readonly framesFollowed: readonly string[];
  /** Whether the page was rendered in Chromium. */
  readonly rendered: boolean;
  /** Stages the overall deadline cut short (`fetch`, `render`, `frames`, `probes`, `cloaking`). */
  readonly deadlineRanOut: readonly string[];
}

/** Render mode's options in `screenSite`: the page bounds plus, optionally, your own renderer. */
export interface ScreenRenderOptions extends RenderOptions {
  /** A renderer from `createRenderer()` (you close it); default a shared one that closes itself when idle. */
  renderer?: Renderer;
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
  /**
   * One budget for the whole screening — main fetch, frames, probes (run in parallel), the
   * cloaking fetch and the render — in ms. Stages it cuts short are named by the
   * `site/deadline-exceeded` hit. Default 30,000.
   */
  deadlineMs?: number;
  /** Follow hidden same-site frames and images (their redirects and documents). Default true. */
  followFrames?: boolean;
  /**
   * Also load the page in headless Chromium (every request answered by the guarded fetch,
   * nothing clicked) and record what it requests in `features.render`. Default false.
   */
  render?: boolean | ScreenRenderOptions;
}

function report(features: SiteFeatures, ruleSet: RuleSet, fetch: SiteFetchSummary | null): SiteReport {
  const evaluation = evaluate('site', features, ruleSet);
  return { ...evaluation, url: features.url, finalUrl: features.finalUrl, fetch, features };
}

/** @internal `analyzeHtml` with its rule set loaded. */
export function analyzeHtmlWith(html: string, options: AnalyzeHtmlOptions, ruleSet: RuleSet): SiteReport {
  const input = { html, url: options.url, ...(options.fetched === undefined ? {} : { fetched: options.fetched }), ...(options.probes === undefined ? {} : { probes: options.probes }), cloakingHtml: options.cloakingHtml ?? null };
  const { features } = analyzePage(input, analyzeOptions(options));
  return report(features, ruleSet, null);
}

function analyzeOptions(options: SiteScreenOptions) {
  return { merchantDomains: options.merchantDomains ?? [], brandTerms: options.brandTerms ?? [], ...(options.analyzeLimits === undefined ? {} : { limits: options.analyzeLimits }) };
}

async function renderStage(url: string, options: ScreenSiteOptions, fetchOptions: FetchOptions, deadline: SiteDeadline): Promise<RenderFeatures | null> {
  if (options.render === undefined || options.render === false) return null;
  const { renderer, ...renderOptions } = options.render === true ? {} : options.render;
  const timeoutMs = Math.max(1, Math.min(resolveRenderOptions(renderOptions).timeoutMs, deadline.remaining()));
  const page = { ...renderOptions, timeoutMs, fetch: { ...fetchOptions, ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }) }, merchantDomains: options.merchantDomains ?? [] };
  if (renderer !== undefined) return renderer.render(url, page);
  return withSharedRenderer(renderOptions.executablePath, (shared) => shared.render(url, page));
}

type FetchOptions = NonNullable<Parameters<typeof fetchSite>[1]>;

/**
 * @internal `screenSite` with its rule set loaded (so a bad one has failed before any network
 * traffic): fetches an applicant's URL through the SSRF guard, follows its hidden same-site
 * frames and images, optionally probes the affiliate URLs it loads by itself, re-fetches it as
 * a crawler and renders it in Chromium — all under one deadline — then analyses and scores it.
 * @throws InputError for malformed options, or render mode without Chromium or its driver.
 */
export async function screenUrl(url: string, options: ScreenSiteOptions, ruleSet: RuleSet): Promise<SiteReport> {
  if (typeof options.render === 'object' && options.render !== null) resolveRenderOptions(options.render);
  if (options.render !== undefined && options.render !== false && (options.render === true || options.render.renderer === undefined)) {
    const explicit = options.render === true ? undefined : options.render.executablePath;
    // Fail before any traffic, as a bad rule set does.
    if (findChromium(explicit) === null) createRenderer(explicit === undefined ? {} : { executablePath: explicit });
  }
  const deadline = new SiteDeadline(options.deadlineMs, options.signal);
  try {
    return await screenWithin(url, options, deadline, ruleSet);
  } finally {
    deadline.close();
  }
}

async function screenWithin(url: string, options: ScreenSiteOptions, deadline: SiteDeadline, ruleSet: RuleSet): Promise<SiteReport> {
  const fetchOptions: FetchOptions = {
    ...(options.allowPrivateNetwork === undefined ? {} : { allowPrivateNetwork: options.allowPrivateNetwork }),
    ...(options.allowedPorts === undefined ? {} : { allowedPorts: options.allowedPorts }),
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    signal: deadline.signal,
  };
  const withUa = { ...fetchOptions, ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }) };
  // The browser runs beside the static pipeline: both fit in one deadline.
  const rendering = deadline.stage('render', renderStage(url, options, fetchOptions, deadline));
  rendering.catch(() => undefined);
  const fetched = await deadline.stage('fetch', fetchSite(url, withUa));
  const analyzeOpts = analyzeOptions(options);
  const page = analyzePage({ html: fetched.html, url, fetched }, analyzeOpts);
  let features = page.features;
  let probed: string[] = [];
  let cloakingChecked = false;
  let framesFollowed: readonly string[] = [];
  if (features.analysed) {
    const frames = options.followFrames === false || !page.sameSite.some((l) => l.hiddenReasons.length > 0) ? null : deadline.stage('frames', followSameSite(page.sameSite, withUa, analyzeOpts));
    const found = frames === null ? null : await frames;
    if (found !== null) {
      framesFollowed = found.followed;
      features = mergeParts(features, found.parts);
    }
    probed = options.probe === true ? autoLoadedAffiliateUrls(features).slice(0, options.maxProbes ?? 5) : [];
    const probing = probed.length === 0 ? Promise.resolve([]) : deadline.stage('probes', Promise.all(probed.map((target) => probeUrl(target, { ...withUa, merchantDomains: [...features.merchantDomains] }))));
    const crawling = options.cloaking === true ? deadline.stage('cloaking', fetchSite(url, { ...fetchOptions, userAgent: options.crawlerUserAgent ?? CRAWLER_USER_AGENT })) : null;
    const results: ProbeResult[] = [...(found?.probes ?? []), ...(await probing)];
    if (results.length > 0) features = { ...features, probes: probeFeatures(results, features.merchantDomains) };
    const crawler = crawling === null ? null : await crawling;
    if (crawler !== null && crawler.html !== null) {
      cloakingChecked = true;
      features = { ...features, cloaking: compareCloaking(features, crawler.html, analyzeOpts) };
    }
  }
  const render = await rendering;
  features = { ...features, render, deadline: deadline.feature() };
  const summary: SiteFetchSummary = {
    status: fetched.status,
    contentType: fetched.contentType,
    bodyBytes: fetched.bodyBytes,
    truncated: fetched.truncated,
    redirects: Math.max(0, fetched.redirects.length - 1),
    failure: fetched.failure === null ? null : { code: fetched.failure.code, message: fetched.failure.message },
    probed,
    cloakingChecked,
    framesFollowed,
    rendered: render !== null,
    deadlineRanOut: features.deadline?.ranOut ?? [],
  };
  return report(features, ruleSet, summary);
}
