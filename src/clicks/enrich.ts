/**
 * The one place clicks meet the signals: `classifyUserAgent` and `classifyIp` (in its
 * per-click form `classifyIpNetwork`, which skips the fields enrichment never reads) are called
 * here and nowhere else in `src/clicks/`, and their answers are reduced to the plain
 * {@link ClickFeatures} that rules read. Swapping or upgrading a signal touches this file only.
 *
 * Both classifiers are pure, so user agents (parsed by ua-parser-js: costly) are cached per
 * distinct value, bounded, in two generations: real streams repeat them heavily, and the cache
 * is what keeps the online screener within microseconds. Addresses are cached only for a
 * caller's own classifier (see `ipOf`).
 *
 * @module
 */
import { TwoGenerationCache } from '../shared/two-generation-cache.js';
import { loadedIpLists, verifyCrawlerClaim } from '../signals/crawler-verification.js';
import { classifyIpNetwork } from '../signals/ip.js';
import { classifyUserAgent as defaultClassifyUserAgent } from '../signals/user-agent.js';
import type { AgentInfo, ClientHints } from '../signals/user-agent/types.js';
import type { ActivationFeature, AgentFeature, ClickFeatures, ClickWindowFeature, IpFeature, IpNetwork, SpoofedCrawlerFeature } from './features.js';
import { AgentCache, type AgentEntry } from './agent-cache.js';
import type { Click, PartnerInfo } from './types.js';

/** The subset of `IpInfo` enrichment reads; `classifyIp`'s result satisfies it. */
export type IpSignal =
  | { readonly valid: false }
  | {
      readonly valid: true;
      readonly scope: string;
      readonly network: IpNetwork;
      readonly name: string | undefined;
      /** Id of the list that matched, when one did (verifies crawler claims). */
      readonly source?: string | undefined;
      /** Announcing ASN, when known. */
      readonly asn?: number | undefined;
    };

/** The classifiers enrichment calls; injectable so tests and hosts can supply their own. */
export interface ClickSignals {
  /** Classifies a user agent (with client hints when logged). */
  readonly classifyUserAgent: (ua: string, hints?: ClientHints) => Pick<AgentInfo, 'kind' | 'bot' | 'browser' | 'signals'>;
  /** Classifies an address. */
  readonly classifyIp: (ip: string) => IpSignal;
  /** Ids of the IP lists `classifyIp` has loaded (crawler claims are checked against them); default none for custom classifiers. */
  readonly loadedIpLists?: ReadonlySet<string> | undefined;
}

/** Options of {@link createEnricher}. */
export interface EnricherOptions {
  /** Partner metadata; `siteDomains` feed the referrer check. */
  readonly partners?: readonly PartnerInfo[] | undefined;
  /** Classifiers to use instead of the built-in signals. */
  readonly signals?: ClickSignals | undefined;
  /** Distinct user agents cached, and addresses when `signals` supplies the IP classifier (default 100 000 each). */
  readonly cacheSize?: number | undefined;
  /** Estimated bytes the user-agent cache may hold (default 64 MiB, `DEFAULT_AGENT_CACHE_BYTES`): bounds its memory whatever the input. */
  readonly agentCacheBytes?: number | undefined;
}

/**
 * Turns a click plus what its windows held into {@link ClickFeatures}. Pure but for the
 * classifier caches, which only remember answers: the windows are observed before, by the
 * caller, and handed in as data.
 */
export interface Enricher {
  /** The user agent's cache entry: its `hash` (`hash53` of the user agent) is the windows' agent key. */
  agentEntry(click: Click): AgentEntry;
  /** Builds the click's features from the click, its agent entry and its window state. */
  enrich(click: Click, agentEntry: AgentEntry, window: ClickWindowFeature): ClickFeatures;
}

// Bot categories whose operators publish their address ranges, so that an address outside
// them is a lie rather than an unverifiable claim.
const VERIFIABLE_CATEGORIES = new Set(['search-crawler', 'ai-crawler', 'social-preview']);

const INVALID_IP: IpFeature = Object.freeze({ valid: false, scope: 'invalid', network: 'unknown', provider: undefined, source: undefined, asn: undefined });

function toAgentFeature(info: Pick<AgentInfo, 'kind' | 'bot' | 'browser' | 'signals'>): AgentFeature {
  return Object.freeze({
    kind: info.kind,
    category: info.bot?.category,
    name: info.bot?.name ?? info.browser.name,
    signals: Object.freeze(info.signals.map((s) => s.id)),
  });
}

function toIpFeature(info: IpSignal): IpFeature {
  if (!info.valid) return INVALID_IP;
  return { valid: true, scope: info.scope, network: info.network, provider: info.name, source: info.source, asn: info.asn };
}

/**
 * A claimed crawler is spoofed when the address is provably not the operator's: outside its
 * published ranges when those are loaded, or announced by another network for operators that
 * crawl only from their own. Claims that cannot be checked are not reported.
 */
export function spoofedCrawler(agent: AgentFeature, ip: IpFeature, loaded: () => ReadonlySet<string>): SpoofedCrawlerFeature | null {
  if (agent.kind !== 'bot' || agent.category === undefined || !VERIFIABLE_CATEGORIES.has(agent.category) || agent.name === undefined) return null;
  if (!ip.valid) return null;
  if (verifyCrawlerClaim(agent.name, ip, loaded()) !== 'spoofed') return null;
  return { claimed: agent.name, network: ip.network, provider: ip.provider };
}

/** Host of an absolute http(s) URL, lower-cased, without a scanner-unfriendly `new URL()` per click. */
export function referrerHost(referrer: string | undefined): string | null {
  if (referrer === undefined || referrer === '') return null;
  const scheme = referrer.indexOf('://');
  if (scheme <= 0 || scheme > 10) return null;
  let start = scheme + 3;
  let end = referrer.length;
  for (let i = start; i < referrer.length; i += 1) {
    const c = referrer.charCodeAt(i);
    // '/', '?', '#'
    if (c === 47 || c === 63 || c === 35) {
      end = i;
      break;
    }
  }
  const at = referrer.lastIndexOf('@', end);
  if (at >= start) start = at + 1;
  let host = referrer.slice(start, end);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    host = close === -1 ? host : host.slice(0, close + 1);
  } else {
    const colon = host.indexOf(':');
    if (colon !== -1) host = host.slice(0, colon);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host === '' ? null : host.toLowerCase();
}

function activation(headers: Readonly<Record<string, string>> | undefined): ActivationFeature {
  if (headers === undefined) return NOT_LOGGED;
  const user = headers['sec-fetch-user'];
  const dest = headers['sec-fetch-dest'];
  const mode = headers['sec-fetch-mode'];
  const site = headers['sec-fetch-site'];
  const logged = user !== undefined || dest !== undefined || mode !== undefined || site !== undefined;
  return logged ? { logged, user, dest, mode, site } : NOT_LOGGED;
}

const NOT_LOGGED: ActivationFeature = Object.freeze({ logged: false, user: undefined, dest: undefined, mode: undefined, site: undefined });

/** Builds an enricher: caches, partner domains and the classifiers are set up once here. */
export function createEnricher(options: EnricherOptions = {}): Enricher {
  const classifyUserAgent = options.signals?.classifyUserAgent ?? defaultClassifyUserAgent;
  const classifyIp: (ip: string) => IpSignal = options.signals?.classifyIp ?? classifyIpNetwork;
  let lists: ReadonlySet<string> | undefined = options.signals === undefined ? undefined : (options.signals.loadedIpLists ?? new Set());
  // Read lazily: the default IP index loads on the first classification, not at set-up.
  const loaded = (): ReadonlySet<string> => (lists ??= loadedIpLists());
  const size = options.cacheSize ?? 100_000;
  const agents = new AgentCache(size, options.agentCacheBytes);
  const ips = options.signals === undefined ? undefined : new TwoGenerationCache<IpFeature>(size);
  const domains = new Map<string, readonly string[]>();
  for (const p of options.partners ?? []) {
    if (p.siteDomains !== undefined && p.siteDomains.length > 0) {
      domains.set(p.partnerId, Object.freeze(p.siteDomains.map((d) => d.toLowerCase().replace(/\.$/u, ''))));
    }
  }

  // Keyed by the user agent itself and, with client hints, by the hints inside.
  function agentOf(click: Click, entry: AgentEntry): AgentFeature {
    const h = click.headers;
    const secChUa = h?.['sec-ch-ua'];
    if (secChUa === undefined) return (entry.plain ??= toAgentFeature(classifyUserAgent(click.userAgent, undefined)));
    const platform = h?.['sec-ch-ua-platform'];
    const mobile = h?.['sec-ch-ua-mobile'];
    const variants = agents.variants(entry, secChUa);
    if (variants !== undefined) {
      for (const v of variants) if (v.platform === platform && v.mobile === mobile) return v.agent;
    }
    const agent = toAgentFeature(classifyUserAgent(click.userAgent, { secChUa, secChUaPlatform: platform, secChUaMobile: mobile }));
    agents.addVariant(entry, secChUa, platform, mobile, agent);
    return agent;
  }

  function ipOf(address: string): IpFeature {
    // The built-in classifier is a bucketed binary search, cheaper than a lookup in a cache
    // of 100 000 addresses (measured); a caller's classifier may not be, so it is cached.
    // Frozen only when cached and so shared between clicks: freezing costs 40 ns a click.
    if (ips === undefined) return toIpFeature(classifyIp(address));
    let ip = ips.get(address);
    if (ip === undefined) {
      ip = Object.freeze(toIpFeature(classifyIp(address)));
      ips.set(address, ip);
    }
    return ip;
  }

  return {
    agentEntry(click) {
      return agents.entry(click.userAgent);
    },
    enrich(click, entry, window) {
      const agent = agentOf(click, entry);
      const ip = ipOf(click.ip);
      return {
        clickId: click.clickId,
        partnerId: click.partnerId,
        timestamp: click.timestamp,
        address: click.ip,
        userAgent: click.userAgent,
        agent,
        ip,
        spoofedCrawler: spoofedCrawler(agent, ip, loaded),
        activation: activation(click.headers),
        referrer: { host: referrerHost(click.referrer), declaredDomains: domains.size === 0 ? null : (domains.get(click.partnerId) ?? null) },
        window,
      };
    },
  };
}
