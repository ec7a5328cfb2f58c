/**
 * The features click and partner rules read: plain data, built by `enrich.ts` (clicks) and
 * `aggregate.ts` + `baseline.ts` (partners). Rules depend on these types only, never on the
 * signals or the input layer, so every rule is testable from a literal object.
 *
 * @module
 */

/** What the user-agent signal said about a click, reduced to what rules read. */
export interface AgentFeature {
  /** `bot` when a bot marker matched, `browser` when a browser was recognised, else `unknown`. */
  readonly kind: 'browser' | 'bot' | 'unknown';
  /** The bot's category (`search-crawler`, `headless`, `http-library`…) when `kind` is `bot`. */
  readonly category: string | undefined;
  /** The bot's or browser's name, when recognised. */
  readonly name: string | undefined;
  /** Ids of the user-agent suspicion signals that fired (`ua-empty`, `impossible-combination`…). */
  readonly signals: readonly string[];
}

/** The network an address belongs to, as the IP signal classifies it. */
export type IpNetwork = 'crawler' | 'relay' | 'tor' | 'vpn' | 'hosting' | 'unknown';

/** What the IP signal said about a click's address. */
export interface IpFeature {
  /** Whether the address parsed. */
  readonly valid: boolean;
  /** Address scope (`public`, `private`, `loopback`…). */
  readonly scope: string;
  /** Which kind of network the address belongs to. */
  readonly network: IpNetwork;
  /** The crawler or provider named for the address (`Googlebot`, `Amazon AWS`…), if any. */
  readonly provider: string | undefined;
  /** Id of the IP list that matched the address, if any. */
  readonly source: string | undefined;
  /** The announcing ASN, if known. */
  readonly asn: number | undefined;
}

/** The `sec-fetch-*` request headers of a click, when the host logs them. */
export interface ActivationFeature {
  /** True when the click carried any `sec-fetch-*` header, i.e. the host logs them and the browser sends them. */
  readonly logged: boolean;
  /** `sec-fetch-user` (`?1` after a user activation), if sent. */
  readonly user: string | undefined;
  /** `sec-fetch-dest` (`document`, `iframe`, `image`…), if sent. */
  readonly dest: string | undefined;
  /** `sec-fetch-mode` (`navigate`, `no-cors`…), if sent. */
  readonly mode: string | undefined;
  /** `sec-fetch-site` (`cross-site`, `same-origin`, `none`…), if sent. */
  readonly site: string | undefined;
}

/** A crawler user agent coming from outside that crawler's published ranges. */
export interface SpoofedCrawlerFeature {
  /** The crawler the user agent claims to be. */
  readonly claimed: string;
  /** The network the address actually belongs to. */
  readonly network: IpNetwork;
  /** The provider or crawler the address belongs to, if known. */
  readonly provider: string | undefined;
}

/** What the sliding windows knew about a click when it arrived (the click itself included). */
export interface ClickWindowFeature {
  /** Clicks from this IP for this partner in the last `floodWindowSeconds`, this one included. */
  readonly ipPartnerClicks: number;
  /** The flood window's length in seconds. */
  readonly floodWindowSeconds: number;
  /** Distinct user agents from this IP for this partner in the last `rotationWindowSeconds`, this one included (saturates at the window's cap). */
  readonly ipUserAgents: number;
  /** The UA-rotation window's length in seconds. */
  readonly rotationWindowSeconds: number;
  /** Earlier clicks in the duplicate window with the same click id. */
  readonly sameClickId: number;
  /** Earlier clicks in the duplicate window with the same IP, user agent, sub id and landing URL. */
  readonly sameFingerprint: number;
  /** The duplicate window's length in seconds. */
  readonly duplicateWindowSeconds: number;
}

/** The referrer of a click and the domains its partner declared. */
export interface ReferrerFeature {
  /** Lower-cased host of the `Referer` header, or null when absent or unparsable. */
  readonly host: string | null;
  /** The partner's declared site domains (lower-cased), or null when the program declared none. */
  readonly declaredDomains: readonly string[] | null;
}

/** Everything a click rule may read about one click. */
export interface ClickFeatures {
  /** The click's id. */
  readonly clickId: string;
  /** The partner credited with the click. */
  readonly partnerId: string;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  /** The client address as logged (evidence for IP rules). */
  readonly address: string;
  /** The user agent as logged (evidence for agent rules). */
  readonly userAgent: string;
  /** The user-agent signal. */
  readonly agent: AgentFeature;
  /** The IP signal. */
  readonly ip: IpFeature;
  /** Set when the click claims to be a crawler but comes from elsewhere; null otherwise. */
  readonly spoofedCrawler: SpoofedCrawlerFeature | null;
  /** The `sec-fetch-*` headers. */
  readonly activation: ActivationFeature;
  /** Referrer vs declared domains. */
  readonly referrer: ReferrerFeature;
  /** Windowed per-key state. */
  readonly window: ClickWindowFeature;
}

/** A count out of a total, for share rules. */
export interface ShareFeature {
  /** Items with the property. */
  readonly count: number;
  /** Items it is a share of. */
  readonly of: number;
}

/** The program baseline a partner's conversion rate is compared with (beta-binomial empirical Bayes). */
export interface BaselineFeature {
  /** Prior Beta α fitted to the program's partners. */
  readonly alpha: number;
  /** Prior Beta β fitted to the program's partners. */
  readonly beta: number;
  /** Prior mean conversion rate, α / (α + β). */
  readonly rate: number;
  /** Partners with at least the minimum volume that the prior was fitted to. */
  readonly partners: number;
}

/** A partner's conversion rate with its empirical-Bayes posterior. */
export interface ConversionRateFeature {
  /** Clicks in the period (the denominator). */
  readonly clicks: number;
  /** Conversions credited to the partner in the period. */
  readonly conversions: number;
  /** conversions ÷ clicks, 0 when there are no clicks. Reported, never compared raw. */
  readonly rate: number;
  /** Posterior mean: the rate shrunk towards the baseline. */
  readonly posteriorRate: number;
  /** Central 90% posterior interval [5%, 95%]. */
  readonly interval: readonly [number, number];
  /** The program baseline, or null when too few partners had volume to fit one. */
  readonly baseline: BaselineFeature | null;
}

/** Click-to-conversion times in fixed bins (seconds), mergeable by addition. */
export interface CtitFeature {
  /** Conversions with a known click time. */
  readonly count: number;
  /** Upper bin edges in seconds; bin i holds times in [edges[i-1], edges[i]); the last bin is open. */
  readonly edges: readonly number[];
  /** Counts per bin; one more entry than `edges`. */
  readonly bins: readonly number[];
}

/** Everything a partner rule may read about one partner over the period. */
export interface PartnerFeatures {
  /** The partner's id. */
  readonly partnerId: string;
  /** `dormant` (listed, no traffic), `new` (joined in the period) or `active`. */
  readonly status: PartnerStatus;
  /** Days in the scanned period (at least 1/24). */
  readonly periodDays: number;
  /** Accepted clicks. */
  readonly clicks: number;
  /** Distinct click IPs (exact up to a cap, then a HyperLogLog estimate). */
  readonly uniqueIps: number;
  /** Median clicks per active partner in the program (for volume comparisons). */
  readonly programMedianClicks: number;
  /** Clicks hit by each click rule (live hits), by rule id; a rule reading one declares it in `meta.reads.rules`. */
  readonly clickHits: Readonly<Record<string, number>>;
  /** Clicks whose `sec-fetch-*` headers were logged (what a no-activation share is a share of). */
  readonly activationLogged: number;
  /** Bot clicks by category. */
  readonly botCategories: Readonly<Record<string, number>>;
  /** Conversion counts. */
  readonly conversions: {
    /** Conversions credited to the partner. */
    readonly total: number;
    /** Refunded or charged back. */
    readonly refunded: number;
    /** Charged back (a subset of `refunded`). */
    readonly chargeback: number;
  };
  /** Conversion rate against the program baseline. */
  readonly conversionRate: ConversionRateFeature;
  /** Click-to-conversion times. */
  readonly ctit: CtitFeature;
  /** Converting IPs/devices of this partner, by how many partners each converted for. */
  readonly sharedConverters: {
    /** Distinct IPs and devices that converted for this partner. */
    readonly keys: number;
    /** `byPartnerCount[k]` = of those, how many converted for exactly k partners (last index: k or more). */
    readonly byPartnerCount: readonly number[];
  };
}

/** A partner's quality status: `dormant` is not fraud, just no traffic in the period. */
export type PartnerStatus = 'active' | 'dormant' | 'new';
