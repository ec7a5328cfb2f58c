/**
 * IP address intelligence: strict parsing, scope, and which network an address belongs
 * to (verified crawler, iCloud Private Relay, Tor, VPN, hosting provider) with its ASN.
 *
 * Lists are read from a cache directory that {@link updateDatasets} fills from the
 * publishers (they carry no redistribution licence). With an empty cache, hosting is
 * still recognised by the announcing ASN: the curated `datasets/hosting-asns.json` plus
 * the IP→ASN tables of `@ip-location-db/asn` (CC BY 4.0: RouteViews, the RIRs via NRO,
 * DB-IP), loaded lazily on first use.
 *
 * @module
 */
import { buildIpIndex, type IpDataOptions, type IpDataStatus, type IpIndex, type IpLabel, type IpNetworkKind } from './ip/data.js';
import { formatIpv4, formatIpv6, parseIpInto, parsed, PARSED_V4, words, type IpInvalidReason } from './ip/parse.js';
import { scopeV4, scopeV6, type IpScope } from './ip/scope.js';

export type { IpDataOptions, IpDataStatus, IpListInput, IpListNetwork, IpListStatus, IpNetworkKind, IpSource } from './ip/data.js';
export { defaultDataDir, ipSources } from './ip/data.js';
export type { IpListFormat } from './ip/formats.js';
export type { IpInvalidReason } from './ip/parse.js';
export type { IpScope } from './ip/scope.js';

/** The answer for a string that is not a strictly valid IP address. */
export interface IpInfoInvalid {
  /** Always false. */
  readonly valid: false;
  /** Why: empty, longer than 45 characters, not dotted-decimal IPv4 (octal, hex, short forms, leading zeros), not IPv6, or an IPv6 zone id. */
  readonly reason: IpInvalidReason;
}

/** The answer for a valid address. */
export interface IpInfoValid {
  /** Always true. */
  readonly valid: true;
  /** Canonical form: dotted decimal, or RFC 5952 lower-case compressed IPv6. `::ffff:a.b.c.d` becomes `a.b.c.d`. */
  readonly address: string;
  /** Address family after unwrapping IPv4-mapped IPv6. */
  readonly version: 4 | 6;
  /** True when the input was an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`). */
  readonly mapped: boolean;
  /** Special-purpose range the address is in, or `public`. */
  readonly scope: IpScope;
  /** Kind of network, by precedence crawler > relay > tor > vpn > hosting; `unknown` otherwise and for every non-public scope. */
  readonly network: IpNetworkKind;
  /** Crawler name (`Googlebot`), relay, VPN list or hosting provider (`AWS`, `Hetzner`) when `network` is not `unknown`. */
  readonly name: string | undefined;
  /** Id of the list that matched (`googlebot`, `aws`…), or `asn:<list>` when matched through the announcing ASN. */
  readonly source: string | undefined;
  /** Announcing autonomous system number, when the IP→ASN database is loaded and knows the address. */
  readonly asn: number | undefined;
  /** Organisation holding {@link IpInfoValid.asn}, as the IP→ASN database names it. */
  readonly org: string | undefined;
}

/** What {@link classifyIp} returns. */
export type IpInfo = IpInfoValid | IpInfoInvalid;

/** A classifier bound to one set of loaded data. */
export interface IpClassifier {
  /** Classifies one address; never throws. */
  classify(ip: string): IpInfo;
  /** What was loaded. */
  readonly status: IpDataStatus;
}

const INVALID: Readonly<Record<IpInvalidReason, IpInfoInvalid>> = Object.freeze({
  'not-a-string': Object.freeze({ valid: false, reason: 'not-a-string' }),
  empty: Object.freeze({ valid: false, reason: 'empty' }),
  'too-long': Object.freeze({ valid: false, reason: 'too-long' }),
  'invalid-ipv4': Object.freeze({ valid: false, reason: 'invalid-ipv4' }),
  'invalid-ipv6': Object.freeze({ valid: false, reason: 'invalid-ipv6' }),
  'zone-id': Object.freeze({ valid: false, reason: 'zone-id' }),
});

// Where `locate` put an address, as module state: a tuple returned per call would allocate.
let foundScope: IpScope = 'public';
let foundLabel: IpLabel | undefined;
let foundAsn = -1;

/** Scope, list label and ASN of the address `parseIpInto` just parsed (lists only for public scope). */
function locate(index: IpIndex, kind: number): void {
  foundLabel = undefined;
  foundAsn = -1;
  let value: number;
  if (kind === PARSED_V4) {
    const n = words[3]!;
    foundScope = scopeV4(n);
    if (foundScope !== 'public') return;
    value = index.table.find4(n);
    if (index.asn !== undefined) foundAsn = index.asn.table.find4(n);
  } else {
    const w0 = words[0]!;
    const w1 = words[1]!;
    const w2 = words[2]!;
    const w3 = words[3]!;
    foundScope = scopeV6(w0, w1, w2, w3);
    if (foundScope !== 'public') return;
    value = index.table.find6(w0, w1, w2, w3);
    if (index.asn !== undefined) foundAsn = index.asn.table.find6(w0, w1, w2, w3);
  }
  foundLabel = value >= 0 ? index.labels[value] : foundAsn >= 0 ? index.asnLabels.get(foundAsn) : undefined;
}

function classifyWith(index: IpIndex, ip: string): IpInfo {
  const kind = parseIpInto(ip);
  if (typeof kind === 'string') return INVALID[kind];
  const address = kind === PARSED_V4 ? (parsed.mapped ? formatIpv4(words[3]!) : ip) : formatIpv6(words);
  locate(index, kind);
  return result(address, kind === PARSED_V4 ? 4 : 6, foundScope, foundLabel, foundAsn, index);
}

function result(address: string, version: 4 | 6, scope: IpScope, label: IpLabel | undefined, asn: number, index: IpIndex): IpInfoValid {
  return {
    valid: true,
    address,
    version,
    mapped: parsed.mapped,
    scope,
    network: label === undefined ? 'unknown' : label.network,
    name: label?.name,
    source: label?.source,
    asn: asn >= 0 ? asn : undefined,
    org: asn >= 0 ? index.asn?.orgs.get(asn) : undefined,
  };
}

/**
 * Builds a classifier over its own data (synchronously: reads the cache directory and,
 * unless disabled, the IP→ASN database — about half a second). Useful for tests and
 * for services that reload lists on their own schedule.
 *
 * @example
 * ```ts
 * const ips = createIpClassifier({ dir: '/var/cache/partnerguard' });
 * ips.classify('66.249.66.1'); // { network: 'crawler', name: 'Googlebot', … }
 * ```
 */
export function createIpClassifier(options: IpDataOptions = {}): IpClassifier {
  const index = buildIpIndex(options);
  return { classify: (ip) => classifyWith(index, ip), status: index.status };
}

let defaultOptions: IpDataOptions = {};
let defaultIndex: IpIndex | undefined;

function emptyIndex(error: unknown): IpIndex {
  const index = buildIpIndex({ dir: false, asnDatabase: false });
  const message = error instanceof Error ? error.message : String(error);
  return { ...index, status: { ...index.status, lists: [...index.status.lists, { id: 'load', network: 'hosting', from: 'input', entries: 0, skipped: 0, error: message }] } };
}

function getDefaultIndex(): IpIndex {
  if (defaultIndex === undefined) {
    try {
      defaultIndex = buildIpIndex(defaultOptions);
    } catch (error) {
      // The hot path must not throw: fall back to scope-only answers and keep the reason in the status.
      defaultIndex = emptyIndex(error);
    }
  }
  return defaultIndex;
}

/**
 * Classifies an IP address string. Never throws: invalid input (octal `010.1.1.1`,
 * hex `0x7f.1`, short `127.1`, leading zeros, whitespace, zone ids, anything over 45
 * characters) returns `{ valid: false, reason }`. The first call loads the data
 * configured by {@link configureIpData} (default: the default data directory plus the
 * offline ASN data).
 *
 * @example
 * ```ts
 * classifyIp('::ffff:10.0.0.1'); // { valid: true, address: '10.0.0.1', mapped: true, scope: 'private', network: 'unknown', … }
 * ```
 */
export function classifyIp(ip: string): IpInfo {
  return classifyWith(getDefaultIndex(), ip);
}

/** @internal What {@link classifyIpNetwork} answers: {@link IpInfo} without the fields that cost a lookup or a string per call. */
export type IpNetworkInfo =
  | { readonly valid: false }
  | {
      readonly valid: true;
      readonly scope: IpScope;
      readonly network: IpNetworkKind;
      readonly name: string | undefined;
      readonly source: string | undefined;
      readonly asn: number | undefined;
    };

/**
 * @internal {@link classifyIp} for per-click enrichment: the same scope, network, name, source
 * and ASN, without the canonical address (an IPv6 string formatted per call) and the ASN's
 * organisation (a map lookup per call), which enrichment never reads.
 */
export function classifyIpNetwork(ip: string): IpNetworkInfo {
  const kind = parseIpInto(ip);
  if (typeof kind === 'string') return INVALID[kind];
  locate(getDefaultIndex(), kind);
  const label = foundLabel;
  return { valid: true, scope: foundScope, network: label === undefined ? 'unknown' : label.network, name: label?.name, source: label?.source, asn: foundAsn >= 0 ? foundAsn : undefined };
}

/** What the default index behind {@link classifyIp} holds (loading it first if needed). */
export function ipDataStatus(): IpDataStatus {
  return getDefaultIndex().status;
}

/**
 * Scope of an address without touching any list (no loading, no allocation): for
 * SSRF guards and other quick checks. `undefined` when `ip` is not strictly valid.
 * IPv4-mapped IPv6 gets the scope of its IPv4 address.
 */
export function ipScope(ip: string): IpScope | undefined {
  const kind = parseIpInto(ip);
  if (typeof kind === 'string') return undefined;
  return kind === PARSED_V4 ? scopeV4(words[3]!) : scopeV6(words[0]!, words[1]!, words[2]!, words[3]!);
}

/**
 * Sets where {@link classifyIp} reads its data from. Takes effect lazily: the next
 * `classifyIp` call rebuilds the index. Call {@link loadIpData} instead to build now.
 */
export function configureIpData(options: IpDataOptions = {}): void {
  defaultOptions = options;
  defaultIndex = undefined;
}

/**
 * Builds the index for {@link classifyIp} now (with `options`, or those last given to
 * {@link configureIpData}) and reports what was loaded. Call at start-up to keep the
 * first classification fast, or after {@link updateDatasets} to pick up new lists.
 */
export function loadIpData(options?: IpDataOptions): IpDataStatus {
  if (options !== undefined) defaultOptions = options;
  defaultIndex = undefined;
  return getDefaultIndex().status;
}
