/**
 * The SSRF guard of the site fetcher: which URLs and addresses a hostile applicant URL may
 * reach.
 *
 * Three layers, each needed because the one before it can be fooled:
 * 1. URL policy ({@link assertFetchableUrl}): scheme, credentials, port, and IP literals in
 *    any spelling (WHATWG URL parsing turns `0x7f000001`, `2130706433`, `127.1`, `0177.0.0.1`
 *    into `127.0.0.1`, so the check runs on the parsed host, never on the raw string).
 * 2. Resolution ({@link assertFetchable}, {@link createGuardedLookup}): every address a name
 *    resolves to must be allowed — an attacker's DNS can mix one public and one private answer.
 * 3. Connection ({@link createGuardedConnector}): the socket connects to the address the guarded
 *    lookup returned (no second lookup, so DNS rebinding has no window), and the remote address
 *    of the connected socket is checked once more before a byte is sent.
 * @module
 */
import { promises as dns } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { buildConnector } from 'undici';
import { FetchRefusedError, InputError } from '../engine/errors.js';
import type { FetchOptions, LookupFunction, ResolvedAddress } from './fetch-types.js';

/** Ports allowed by default: the usual web ports. */
export const DEFAULT_ALLOWED_PORTS: readonly number[] = Object.freeze([80, 443, 8080, 8443]);

/** How much of the non-public address space a policy allows. */
export type PrivateNetworkMode = 'deny' | 'loopback' | 'allow';

/** The guard's compiled view of {@link FetchOptions}: built once per fetch, checked at every hop. */
export interface GuardPolicy {
  /** Non-public ranges allowed: none, loopback only, or all. */
  readonly privateNetwork: PrivateNetworkMode;
  /** Ports a URL may name, or null for any port. */
  readonly allowedPorts: ReadonlySet<number> | null;
  /** The resolver used for host names. */
  readonly lookup: LookupFunction;
  /** True when the caller supplied `lookup` (so reserved test names are resolved too). */
  readonly customLookup: boolean;
}

/** What {@link classifyAddress} found out about one IP address. */
export interface AddressClass {
  /** The address in canonical form (`127.0.0.1`, `::1`). */
  readonly address: string;
  /** 4 or 6. */
  readonly family: 4 | 6;
  /**
   * `public` for globally routable unicast; otherwise the range, e.g. `loopback`, `private`,
   * `linkLocal`, `carrierGradeNat`, `multicast`, `unspecified`, `reserved`, `uniqueLocal`,
   * `teredo`, `ipv4Compatible`, or `ipv4Mapped:loopback` for an IPv6 form embedding an IPv4 one.
   */
  readonly range: string;
  /** True for loopback in any form Node will connect to locally (127.0.0.0/8, ::1, ::ffff:127.x). */
  readonly loopback: boolean;
}

/** IPv6 ranges that embed an IPv4 address in their last 32 bits (or bits 16–47 for 6to4). */
const EMBEDDING_RANGES = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4']);

/**
 * Classifies one IP address by the range it falls in, looking through IPv6 forms that embed
 * an IPv4 address (`::ffff:127.0.0.1`, NAT64 `64:ff9b::a00:1`, 6to4 `2002:a00:1::`).
 * @param address - A textual IPv4 or IPv6 address (brackets and zone ids are accepted).
 * @returns The classification, or null when `address` is not an IP address.
 */
export function classifyAddress(address: string): AddressClass | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  // A zone id (`fe80::1%eth0`) names an interface, never a public host: classify without it.
  const noZone = bare.split('%')[0] ?? bare;
  if (!ipaddr.isValid(noZone) || isIP(noZone) === 0) return null;
  const parsed = ipaddr.parse(noZone);
  if (parsed.kind() === 'ipv4') {
    const range = parsed.range();
    return { address: parsed.toString(), family: 4, range: range === 'unicast' ? 'public' : range, loopback: range === 'loopback' };
  }
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  const canonical = v6.toString();
  if (EMBEDDING_RANGES.has(range)) {
    const bytes = v6.toByteArray();
    const v4Bytes = range === '6to4' ? bytes.slice(2, 6) : bytes.slice(12, 16);
    const inner = ipaddr.fromByteArray(v4Bytes).range();
    const innerRange = inner === 'unicast' ? 'public' : inner;
    // Only the mapped form is connected to locally by the OS; NAT64 and 6to4 go to a gateway.
    const loopback = range === 'ipv4Mapped' && inner === 'loopback';
    return { address: canonical, family: 6, range: innerRange === 'public' ? 'public' : `${range}:${innerRange}`, loopback };
  }
  if (range === 'unicast') {
    // ipaddr.js calls the deprecated IPv4-compatible block ::/96 unicast; stacks may route it to the embedded IPv4.
    const parts = v6.parts;
    if (parts.slice(0, 6).every((p) => p === 0)) return { address: canonical, family: 6, range: 'ipv4Compatible', loopback: false };
    return { address: canonical, family: 6, range: 'public', loopback: false };
  }
  return { address: canonical, family: 6, range, loopback: range === 'loopback' };
}

/**
 * Whether a policy allows connecting to an address.
 * @param address - A textual IP address.
 * @param mode - The policy's private-network mode.
 * @returns True when allowed; false for non-IP input.
 */
export function isAddressAllowed(address: string, mode: PrivateNetworkMode): boolean {
  const cls = classifyAddress(address);
  if (cls === null) return false;
  if (cls.range === 'public' || mode === 'allow') return true;
  return mode === 'loopback' && cls.loopback;
}

/** The system resolver, every address, in the order the OS returns them. */
export const systemLookup: LookupFunction = async (hostname) => {
  const answers = await dns.lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * Validates the guard-related options and compiles them into a {@link GuardPolicy}.
 * @param options - Fetch options (only the guard fields are read).
 * @returns The compiled policy.
 * @throws InputError when `allowedPorts`, `allowPrivateNetwork` or `lookup` is malformed.
 */
export function resolveGuardPolicy(options: Pick<FetchOptions, 'allowPrivateNetwork' | 'allowedPorts' | 'lookup'> = {}): GuardPolicy {
  const apn = options.allowPrivateNetwork;
  if (apn !== undefined && apn !== true && apn !== false && apn !== 'loopback') {
    throw new InputError(`options.allowPrivateNetwork must be true, false or 'loopback', got ${JSON.stringify(apn)}`, { location: 'options.allowPrivateNetwork' });
  }
  const privateNetwork: PrivateNetworkMode = apn === true ? 'allow' : apn === 'loopback' ? 'loopback' : 'deny';
  let allowedPorts: ReadonlySet<number> | null;
  if (options.allowedPorts !== undefined) {
    if (!Array.isArray(options.allowedPorts) || options.allowedPorts.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) {
      throw new InputError('options.allowedPorts must be an array of integer ports 1–65535', { location: 'options.allowedPorts' });
    }
    allowedPorts = new Set(options.allowedPorts);
  } else {
    // Intranet screening (`true`) means internal services on arbitrary ports; otherwise the web ports.
    allowedPorts = privateNetwork === 'allow' ? null : new Set(DEFAULT_ALLOWED_PORTS);
  }
  if (options.lookup !== undefined && typeof options.lookup !== 'function') {
    throw new InputError('options.lookup must be a function (hostname) => Promise<{ address, family }[]>', { location: 'options.lookup' });
  }
  return Object.freeze({ privateNetwork, allowedPorts, lookup: options.lookup ?? systemLookup, customLookup: options.lookup !== undefined });
}

function refuse(message: string, reason: FetchRefusedError['reason'], url: string, address?: string): FetchRefusedError {
  return new FetchRefusedError(message, address === undefined ? { reason, url } : { reason, url, address });
}

/** The URL's host without IPv6 brackets or a trailing root dot, lower-cased. */
export function bareHostname(url: URL): string {
  let host = url.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host;
}

function isLocalhostName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}

/**
 * Checks everything about a URL that can be checked without DNS: it parses, is http(s), has
 * no credentials, names an allowed port, and its host is neither a forbidden IP literal (in
 * any spelling the URL parser accepts) nor a `localhost` name.
 * @param url - The URL (string or parsed) to check.
 * @param options - Fetch options or an already compiled policy.
 * @returns The parsed URL.
 * @throws FetchRefusedError with reason `invalid-url`, `scheme`, `credentials`, `port` or `private-address`.
 */
export function assertFetchableUrl(url: string | URL, options: FetchOptions | GuardPolicy = {}): URL {
  const policy = isPolicy(options) ? options : resolveGuardPolicy(options);
  const text = String(url);
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    throw refuse(`Refused ${JSON.stringify(text.slice(0, 200))}: not a valid absolute URL`, 'invalid-url', text);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw refuse(`Refused ${parsed.href}: only http: and https: URLs are fetched, not ${parsed.protocol}`, 'scheme', parsed.href);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw refuse(`Refused ${parsed.origin}: URLs with credentials (user:password@) are not fetched`, 'credentials', parsed.href);
  }
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
  if (policy.allowedPorts !== null && !policy.allowedPorts.has(port)) {
    throw refuse(`Refused ${parsed.href}: port ${port} is not allowed (allowed: ${[...policy.allowedPorts].join(', ')}; set options.allowedPorts to add it)`, 'port', parsed.href);
  }
  const host = bareHostname(parsed);
  if (host === '') throw refuse(`Refused ${parsed.href}: empty host`, 'invalid-url', parsed.href);
  const cls = classifyAddress(host);
  if (cls !== null) {
    if (!isAddressAllowed(host, policy.privateNetwork)) {
      throw refuse(`Refused ${parsed.href}: ${cls.address} is a ${cls.range} address, not a public one (set allowPrivateNetwork to fetch it)`, 'private-address', parsed.href, cls.address);
    }
  } else if (isLocalhostName(host) && policy.privateNetwork === 'deny') {
    throw refuse(`Refused ${parsed.href}: ${host} names the local machine`, 'private-address', parsed.href);
  }
  return parsed;
}

function isPolicy(value: FetchOptions | GuardPolicy): value is GuardPolicy {
  return 'privateNetwork' in value && 'customLookup' in value;
}

/** Top-level names guaranteed never to resolve in public DNS (RFC 2606 / RFC 6761). */
const NEVER_PUBLIC_TLDS = new Set(['test', 'invalid', 'example']);

/**
 * Resolves a host name with the policy's resolver and refuses it when any answer is forbidden.
 * @param hostname - A host name (not an IP literal).
 * @param url - The URL being checked, for the error.
 * @param policy - The compiled policy.
 * @param allowUnresolvable - Pass names that do not resolve (a caller's dispatcher may know them).
 * @returns The resolved addresses (empty when unresolvable and allowed).
 * @throws FetchRefusedError with reason `private-address` or `unresolvable`.
 */
export async function resolveAllowed(hostname: string, url: string, policy: GuardPolicy, allowUnresolvable = false): Promise<ResolvedAddress[]> {
  const tld = hostname.slice(hostname.lastIndexOf('.') + 1);
  if (allowUnresolvable && !policy.customLookup && NEVER_PUBLIC_TLDS.has(tld)) return [];
  let answers: ResolvedAddress[];
  try {
    answers = await policy.lookup(hostname);
  } catch (error) {
    if (allowUnresolvable) return [];
    throw new FetchRefusedError(`Refused ${url}: ${hostname} does not resolve`, { reason: 'unresolvable', url }, { cause: error });
  }
  if (answers.length === 0) {
    if (allowUnresolvable) return [];
    throw refuse(`Refused ${url}: ${hostname} has no addresses`, 'unresolvable', url);
  }
  for (const answer of answers) {
    if (!isAddressAllowed(answer.address, policy.privateNetwork)) {
      const cls = classifyAddress(answer.address);
      throw refuse(`Refused ${url}: ${hostname} resolves to ${answer.address}, a ${cls?.range ?? 'invalid'} address`, 'private-address', url, answer.address);
    }
  }
  return answers;
}

/**
 * Checks a URL fully: {@link assertFetchableUrl}, then resolves its host name and refuses it
 * when any address is forbidden. Use it to vet a URL before handing it to other code; the
 * fetcher itself also checks the address it actually connects to.
 * @param url - The URL to check.
 * @param options - Fetch options (`allowPrivateNetwork`, `allowedPorts`, `lookup`).
 * @returns The parsed URL.
 * @throws FetchRefusedError with the reason of the first problem found.
 */
export async function assertFetchable(url: string | URL, options: FetchOptions = {}): Promise<URL> {
  const policy = resolveGuardPolicy(options);
  const parsed = assertFetchableUrl(url, policy);
  const host = bareHostname(parsed);
  if (classifyAddress(host) === null) await resolveAllowed(host, parsed.href, policy);
  return parsed;
}

/** A `net.connect` lookup callback, in both its single-address and `all: true` forms. */
type NetLookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Builds a `net.connect`-compatible `lookup` that resolves with the policy's resolver and
 * fails with a {@link FetchRefusedError} when any answer is forbidden, so the socket can only
 * connect to an address that was checked.
 * @param policy - The compiled policy.
 * @returns A function usable as the `lookup` option of `net.connect` / `tls.connect`.
 */
export function createGuardedLookup(policy: GuardPolicy): (hostname: string, options: LookupOptions, callback: NetLookupCallback) => void {
  return (hostname, options, callback) => {
    // The lookup does not know the URL; the fetcher reports the hop URL alongside this message.
    const url = hostname;
    resolveAllowed(hostname, url, policy).then(
      (answers) => {
        const wanted = options.family === 4 || options.family === 6 ? answers.filter((a) => a.family === options.family) : answers;
        if (wanted.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = 'ENOTFOUND';
          callback(error, '');
          return;
        }
        if (options.all === true) callback(null, wanted.map((a) => ({ address: a.address, family: a.family })));
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, ''),
    );
  };
}

/** Options of {@link createGuardedConnector}. */
export interface GuardedConnectorOptions {
  /** Connect timeout in milliseconds (DNS included). */
  connectTimeoutMs?: number;
  /** Called with the origin key (`host:port`) and remote address of every accepted socket. */
  onConnect?: (originKey: string, address: string) => void;
}

/** The key {@link GuardedConnectorOptions.onConnect} reports for a URL's origin. */
export function originKey(url: URL): string {
  const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port;
  return `${url.protocol}//${bareHostname(url)}:${port}`;
}

/**
 * Builds an undici connector (the `connect` option of an `Agent`) that resolves through the
 * guarded lookup and checks the remote address of the connected socket before handing it to
 * undici. A refused connection fails the request with a {@link FetchRefusedError}.
 * @param policy - The compiled policy.
 * @param options - Timeout and a connection observer.
 * @returns The connector.
 */
export function createGuardedConnector(policy: GuardPolicy, options: GuardedConnectorOptions = {}): buildConnector.connector {
  const base = buildConnector({ lookup: createGuardedLookup(policy), timeout: options.connectTimeoutMs ?? 10_000 });
  return (connectOptions, callback) => {
    const host = connectOptions.hostname.startsWith('[') ? connectOptions.hostname.slice(1, -1) : connectOptions.hostname;
    const port = connectOptions.port === '' ? (connectOptions.protocol === 'https:' ? '443' : '80') : connectOptions.port;
    const key = `${connectOptions.protocol}//${host.toLowerCase().replace(/\.$/u, '')}:${port}`;
    base(connectOptions, (error, socket) => {
      if (error !== null) {
        callback(error, null);
        return;
      }
      // Defence in depth: whatever path produced this socket (an IP literal skips lookup), check where it really went.
      const remote = socket.remoteAddress;
      if (remote === undefined || !isAddressAllowed(remote, policy.privateNetwork)) {
        socket.destroy();
        const cls = remote === undefined ? null : classifyAddress(remote);
        const url = `${connectOptions.protocol}//${connectOptions.hostname}:${port}/`;
        callback(refuse(`Refused ${url}: connected to ${remote ?? 'an unknown address'}${cls === null ? '' : `, a ${cls.range} address`}`, 'private-address', url, remote), null);
        return;
      }
      options.onConnect?.(key, remote);
      callback(null, socket);
    });
  };
}
