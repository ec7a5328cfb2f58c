/**
 * partnerguard — fraud and partner-quality screening for affiliate, influencer and
 * referral programs. Every score is the sum of rule hits, each with its evidence.
 *
 * @example
 * ```ts
 * import { loadRuleSet } from 'partnerguard';
 * const ruleSet = loadRuleSet('onboarding');
 * console.log(ruleSet.id, ruleSet.version, ruleSet.hash);
 * ```
 *
 * @module
 */

// --- engine ---
export { ACTIONS } from './engine/actions.js';
export type { Action, ActionBySubject, ClickAction, PartnerAction, RuleSetSubject, SiteAction, Subject } from './engine/actions.js';
export { defineRule } from './engine/define-rule.js';
export type { AnyRule, Finding, Rule, RuleContext, RuleId, RuleMeta } from './engine/define-rule.js';
export { evaluate } from './engine/evaluate.js';
export type { DecidedBy, Evaluation, Hit, RuleFailure } from './engine/evaluate.js';
export type { JsonObject, JsonValue } from './engine/json.js';
export { builtinRegistry, checkRuleSet, loadRuleSet } from './builtin.js';
export { builtinRuleSetNames } from './engine/load-ruleset.js';
export type { LoadRuleSetOptions, RuleConfig, RuleSet, RuleSetCheck, RuleSetInput } from './engine/load-ruleset.js';
export { createRegistry } from './engine/registry.js';
export type { Registry } from './engine/registry.js';
export type { Threshold } from './engine/ruleset-schema.js';

// --- errors ---
export { FetchRefusedError, InputError, PartnerguardError, RuleSetError } from './engine/errors.js';
export type { FetchRefusalReason, PartnerguardErrorCode, PartnerguardErrorOptions, RuleSetIssue } from './engine/errors.js';

// --- ip addresses ---
export { classifyIp, configureIpData, createIpClassifier, defaultDataDir, ipDataStatus, ipScope, ipSources, loadIpData } from './signals/ip.js';
export { loadedIpLists, verifyCrawlerClaim } from './signals/crawler-verification.js';
export type { CrawlerClaim } from './signals/crawler-verification.js';
export type {
  IpClassifier,
  IpDataOptions,
  IpDataStatus,
  IpInfo,
  IpInfoInvalid,
  IpInfoValid,
  IpInvalidReason,
  IpListFormat,
  IpListInput,
  IpListNetwork,
  IpListStatus,
  IpNetworkKind,
  IpScope,
  IpSource,
} from './signals/ip.js';
export { updateDatasets } from './signals/ip/update.js';
export type { IpDataManifest, ManifestEntry, SourceUpdateResult, UpdateDatasetsOptions, UpdateDatasetsResult } from './signals/ip/update.js';

// --- user agents ---
export { BOT_CATEGORIES, classifyUserAgent, clientHintsFromHeaders } from './signals/user-agent.js';
export type {
  AgentInfo,
  AgentKind,
  AgentSignal,
  AgentSignalId,
  BotCategory,
  BotInfo,
  BotOrigin,
  BrowserInfo,
  ClassifyUserAgentOptions,
  ClientHints,
  DeviceInfo,
  EvidenceValue,
  OsInfo,
} from './signals/user-agent.js';

// --- sites ---
export { analyzeHtml, screenSite } from './builtin.js';
export type { AnalyzeHtmlOptions, ScreenRenderOptions, ScreenSiteOptions, SiteFetchSummary, SiteReport, SiteScreenOptions } from './site/screen-site.js';
export { DEFAULT_SITE_DEADLINE_MS } from './site/deadline.js';
export { CHROMIUM_ARGS, createRenderer } from './site/render/renderer.js';
export type { Renderer, RenderOptions, RenderPageOptions } from './site/render/renderer.js';
export { findChromium } from './site/render/locate.js';
export { fetchSite } from './site/fetch.js';
export { probeUrl } from './site/probe.js';
export { assertFetchable, assertFetchableUrl } from './site/ssrf-guard.js';
export type { FetchedSite, FetchFailure, FetchFailureCode, FetchHop, FetchLimits, FetchOptions, LookupFunction, ProbeOptions, ProbeResult, ResolvedAddress, SetCookieInfo } from './site/fetch-types.js';
export type { AnalyzeLimits } from './site/analyze/options.js';
export type {
  AffiliateMatch,
  AnalysisLimits,
  CloakingFeature,
  ContentFeatures,
  CookieFeature,
  DeadlineFeature,
  DomainFeatures,
  ElementFeature,
  FetchFeatures,
  HiddenReason,
  HopFeature,
  InlineScriptFeature,
  LinkFeatures,
  MetaRefreshFeature,
  ObfuscationMarkers,
  ParkedMatch,
  PlaceholderMatch,
  ProbeFeature,
  RenderedElement,
  RenderedRefusal,
  RenderedRequest,
  RenderFeatures,
  ScriptCookieFeature,
  ScriptSinks,
  ScriptUrlFeature,
  SiteFeatures,
  SnapshotFeature,
} from './site/features.js';

// --- clicks ---
export { scanClicks } from './builtin.js';
export type { ScanOptions, ScanProgress } from './clicks/scan/options.js';
export type { PartnerReport, PartnerStatsReport, ScanReport, SuggestedCap } from './clicks/scan/report.js';
export { createClickScreener } from './builtin.js';
export type { ClickScreener, ClickScreenerOptions, ClickVerdict } from './clicks/screener.js';
export { CLICK_REQUEST_HEADERS, clickFromRequest } from './clicks/from-request.js';
export type { ClickFromRequestOptions, FetchRequestLike, NodeRequestLike } from './clicks/from-request.js';
export type { ClickSignals, IpSignal } from './clicks/enrich.js';
export type { WindowConfig } from './clicks/windows/config.js';
export type { WindowKeys, WindowStore, WindowedClick } from './clicks/windows/store.js';
export { readClicks, readConversions } from './clicks/read.js';
export type { Click, ClickSource, Conversion, ConversionStatus, PartnerInfo, ReadOptions, ReadResult, ReadStats, RecordReader, Reject } from './clicks/types.js';
export type {
  ActivationFeature,
  AgentFeature,
  BaselineFeature,
  ClickFeatures,
  ClickWindowFeature,
  ConversionRateFeature,
  CtitFeature,
  IpFeature,
  IpNetwork,
  PartnerFeatures,
  PartnerStatus,
  ReferrerFeature,
  ShareFeature,
  SpoofedCrawlerFeature,
} from './clicks/features.js';
