/**
 * Builds a {@link Click} from an incoming HTTP request: node:http and the frameworks built on
 * it (Express, Fastify), and Fetch `Request`s (Hono, Deno, Bun, workers).
 *
 * Trusting proxies follows the model of Express and Fastify: without `trustProxy` the
 * client is the peer of the socket, and `X-Forwarded-For` is ignored (any client can
 * write it); with it, the address is read from the right of `X-Forwarded-For` (the hop
 * the nearest proxy appended), skipping as many hops as are trusted.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { InputError } from '../engine/errors.js';
import { parseCidr, parseIpInto, PARSED_V4, PARSED_V6, words, wordsToBigInt, parseIpv4 } from '../signals/ip/parse.js';
import type { Click } from './types.js';

/** Request headers copied into {@link Click.headers}: the ones click rules read. */
export const CLICK_REQUEST_HEADERS = Object.freeze(['accept-language', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site', 'sec-fetch-user'] as const);

/** A node:http `IncomingMessage` (Express's `req`), or an object with one at `raw` (Fastify's `request`). */
export interface NodeRequestLike {
  /** Header names in lower case; repeated headers as arrays. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The path and query of the request. */
  readonly url?: string | undefined;
  /** The connection the request came on. */
  readonly socket?: { readonly remoteAddress?: string | undefined; readonly encrypted?: boolean } | undefined;
}

/** A Fetch API `Request` (Hono's `c.req.raw`), which carries no client address. */
export interface FetchRequestLike {
  /** The absolute URL requested. */
  readonly url: string;
  /** The request headers. */
  readonly headers: { get(name: string): string | null };
}

/** Options of {@link clickFromRequest}. */
export interface ClickFromRequestOptions {
  /** The partner credited with the click (from the tracking link's path or query). */
  readonly partnerId: string;
  /** The click's id; a random UUID when omitted. */
  readonly clickId?: string;
  /** When the click happened, epoch milliseconds; now when omitted. */
  readonly timestamp?: number;
  /** The partner's sub-id, offer and device id, when the link or a cookie carries them. */
  readonly subId?: string;
  /** The offer or campaign of the link. */
  readonly offerId?: string;
  /** A device or cookie identifier. */
  readonly deviceId?: string;
  /**
   * Which proxies in front of the server to believe (default `false`):
   * - `false`: the socket's peer is the client; `X-Forwarded-For` is ignored;
   * - a number n: n proxies are trusted: the client is the n-th address from the right of
   *   the socket peer and `X-Forwarded-For` (1: one load balancer);
   * - a list of addresses and CIDR ranges (`['10.0.0.0/8', '127.0.0.1']`): hops in it are
   *   skipped from the right; the first address outside it is the client;
   * - `true`: every hop is trusted, the leftmost `X-Forwarded-For` entry is the client (only
   *   behind a proxy that overwrites the header).
   */
  readonly trustProxy?: boolean | number | readonly string[];
  /**
   * The socket peer, for a Fetch `Request`, which does not carry it (Hono: `getConnInfo(c).remote.address`).
   * Overrides the socket's address for a node request.
   */
  readonly remoteAddress?: string;
}

type Header = (name: string) => string | undefined;

function nodeHeader(headers: NodeRequestLike['headers']): Header {
  return (name) => {
    const value = headers[name];
    // Repeated headers join as HTTP does; node already joins most, not `set-cookie`-like ones.
    return value === undefined ? undefined : typeof value === 'string' ? value : value.join(', ');
  };
}

/** The address of an `X-Forwarded-For` entry: ports, brackets and IPv4-mapped IPv6 removed. */
export function bareAddress(entry: string): string {
  let a = entry.trim();
  if (a.startsWith('[')) {
    const close = a.indexOf(']');
    a = close > 0 ? a.slice(1, close) : a;
  } else if (a.indexOf(':') > 0 && a.indexOf(':') === a.lastIndexOf(':')) {
    // One colon: an IPv4 address with a port (`203.0.113.9:5555`); IPv6 has two or more.
    a = a.slice(0, a.indexOf(':'));
  }
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/iu.exec(a);
  return mapped === null ? a : mapped[1]!;
}

function trustTest(list: readonly string[]): (address: string) => boolean {
  const ranges = list.map((entry) => {
    const text = entry.includes('/') ? entry : `${entry}/${entry.includes(':') ? 128 : 32}`;
    const range = parseCidr(text);
    if (range === null) throw new InputError(`clickFromRequest: trustProxy entry "${entry}" is not an address or CIDR range`, { location: 'options.trustProxy' });
    return range;
  });
  return (address) => {
    const kind = parseIpInto(address);
    if (kind === PARSED_V4) {
      const n = parseIpv4(address, 0, address.length);
      return ranges.some((r) => r.version === 4 && n >= r.start && n <= r.end);
    }
    if (kind === PARSED_V6) {
      const n = wordsToBigInt(words);
      return ranges.some((r) => r.version === 6 && n >= r.start && n <= r.end);
    }
    return false;
  };
}

function clientAddress(peer: string | undefined, forwarded: string | undefined, trust: ClickFromRequestOptions['trustProxy']): string | undefined {
  const chain = [...(forwarded === undefined ? [] : forwarded.split(',').map(bareAddress).filter((a) => a !== '')), ...(peer === undefined ? [] : [bareAddress(peer)])];
  if (trust === undefined || trust === false) return peer === undefined ? undefined : bareAddress(peer);
  if (chain.length === 0) return undefined;
  if (trust === true) return chain[0];
  // Counting hops, or skipping trusted ones, starts at the socket peer: without it the count
  // would land on an entry the client wrote itself.
  if (peer === undefined) return undefined;
  if (typeof trust === 'number') {
    if (!Number.isInteger(trust) || trust < 0) throw new InputError(`clickFromRequest: trustProxy must be a non-negative integer of hops, received ${trust}`, { location: 'options.trustProxy' });
    return chain[Math.max(0, chain.length - 1 - trust)];
  }
  const trusted = trustTest(trust);
  let i = chain.length - 1;
  while (i > 0 && trusted(chain[i]!)) i -= 1;
  return chain[i];
}

/**
 * Builds the {@link Click} of an incoming tracking-link request: client address (by the
 * `trustProxy` model), user agent, referrer, landing URL and the request headers click
 * rules read ({@link CLICK_REQUEST_HEADERS}), names lower-cased.
 *
 * @example
 * ```ts
 * http.createServer((req, res) => {
 *   const verdict = screener.score(clickFromRequest(req, { partnerId: 'p-42', trustProxy: 1 }));
 *   // …
 * });
 * ```
 * @throws InputError when `partnerId` is missing or no client address can be found (pass
 *   `remoteAddress` with a Fetch `Request`).
 */
export function clickFromRequest(request: NodeRequestLike | FetchRequestLike | { readonly raw: NodeRequestLike }, options: ClickFromRequestOptions): Click {
  if (typeof options.partnerId !== 'string' || options.partnerId === '') throw new InputError('clickFromRequest: options.partnerId is required', { location: 'options.partnerId' });
  const req = 'raw' in request && typeof request.raw === 'object' && request.raw !== null && 'headers' in request.raw ? request.raw : (request as NodeRequestLike | FetchRequestLike);
  const isFetch = typeof (req.headers as { get?: unknown }).get === 'function';
  const header: Header = isFetch ? (name) => (req as FetchRequestLike).headers.get(name) ?? undefined : nodeHeader((req as NodeRequestLike).headers);
  const node = isFetch ? undefined : (req as NodeRequestLike);
  const peer = options.remoteAddress ?? node?.socket?.remoteAddress;
  const ip = clientAddress(peer, header('x-forwarded-for'), options.trustProxy);
  if (ip === undefined) {
    throw new InputError(`clickFromRequest: no client address${isFetch ? ': a Fetch Request carries no socket address, pass options.remoteAddress' : ' on the request socket'}`, { location: 'options.remoteAddress' });
  }
  const headers: Record<string, string> = {};
  for (const name of CLICK_REQUEST_HEADERS) {
    const value = header(name);
    if (value !== undefined) headers[name] = value;
  }
  let landingUrl: string | undefined;
  if (isFetch) landingUrl = (req as FetchRequestLike).url;
  else {
    const host = header('host');
    const proto = options.trustProxy !== undefined && options.trustProxy !== false ? header('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
    if (host !== undefined && node?.url !== undefined) landingUrl = `${proto ?? (node.socket?.encrypted === true ? 'https' : 'http')}://${host}${node.url}`;
  }
  const click: Click = {
    clickId: options.clickId ?? randomUUID(),
    timestamp: options.timestamp ?? Date.now(),
    partnerId: options.partnerId,
    ip,
    userAgent: header('user-agent') ?? '',
    headers,
  };
  const referrer = header('referer');
  if (referrer !== undefined) click.referrer = referrer;
  if (landingUrl !== undefined) click.landingUrl = landingUrl;
  if (options.subId !== undefined) click.subId = options.subId;
  if (options.offerId !== undefined) click.offerId = options.offerId;
  if (options.deviceId !== undefined) click.deviceId = options.deviceId;
  return click;
}
