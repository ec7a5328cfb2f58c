/**
 * Types of the site fetch layer: `fetchSite`, `probeUrl` and the SSRF guard.
 *
 * Fields added beyond the first draft are optional, so fixtures built by hand against the
 * draft still type-check; partnerguard always fills them in.
 *
 * This file is the contract the site-analysis code builds on. Names are stable; fields may
 * be added. Refinements over the first draft of the contract:
 * - `FetchOptions.allowPrivateNetwork` may also be `'loopback'` (only 127.0.0.0/8 and ::1
 *   allowed, everything else private still refused) — that is what hostile-server tests use.
 * - `FetchOptions.lookup` lets callers (and tests) supply the DNS resolver the guard uses.
 * - `FetchFailure.reason` is typed as {@link FetchRefusalReason}; `FetchFailure.address`
 *   carries the refused address when the refusal came from DNS or the socket.
 * - `FetchedSite.charsetSource` records where the charset came from (and `'default'` when an
 *   unknown label fell back to UTF-8); `FetchedSite.decompressed` names the content coding.
 * - `ProbeResult.reachedMerchantUrl` is the URL of the merchant hop, when one was reached.
 * @module
 */
import type { Dispatcher } from 'undici';
import type { FetchRefusalReason } from '../engine/errors.js';

export type { FetchRefusalReason } from '../engine/errors.js';

/** One resolved address, as returned by {@link LookupFunction}. */
export interface ResolvedAddress {
  /** The IP address in its textual form (`93.184.216.34`, `2606:2800:220:1::`). */
  address: string;
  /** The address family: 4 or 6. */
  family: 4 | 6;
}

/**
 * Resolves a host name to every address it has. The guard refuses the request when any of
 * them is forbidden (an attacker controlling DNS can mix one public and one private answer).
 */
export type LookupFunction = (hostname: string) => Promise<ResolvedAddress[]>;

/** Size and time limits of one fetch. Each has a default and its own failure code. */
export interface FetchLimits {
  /** Wall-clock budget for the whole fetch, all redirect hops and the body included. Default 15 000 ms. */
  totalTimeoutMs?: number;
  /** Budget from sending each request to receiving its response headers. Default 10 000 ms. */
  headersTimeoutMs?: number;
  /** Redirects followed before giving up with `too-many-redirects`. Default 10. */
  maxRedirects?: number;
  /** Body bytes read, counted after decompression; reading stops at the cap (`truncated`). Default 5 MiB. */
  maxBodyBytes?: number;
}

/** Options of `fetchSite` and `probeUrl`. Every field is optional; defaults are safe for hostile URLs. */
export interface FetchOptions {
  /**
   * Allow targets in private, loopback, link-local and other non-public ranges. Default `false`.
   * - `true` allows every non-public range (for screening an intranet; dangerous with untrusted URLs),
   *   and also allows every port, since internal services rarely sit on 80/443.
   * - `'loopback'` allows only 127.0.0.0/8 and `::1` (tests serving sites from 127.0.0.1); every
   *   other non-public range — 169.254.169.254 metadata included — is still refused, and the
   *   port policy is unchanged unless {@link FetchOptions.allowedPorts} says otherwise.
   * Schemes and credentials are always checked.
   */
  allowPrivateNetwork?: boolean | 'loopback';
  /**
   * Ports a URL may name. Default `[80, 443, 8080, 8443]`. With `allowPrivateNetwork: true`
   * every port is allowed; with `'loopback'` an ephemeral test port must be listed here.
   */
  allowedPorts?: number[];
  /**
   * The caller's undici dispatcher (egress proxy, custom DNS, a test harness routing every
   * origin to one server). Redirects are still followed by partnerguard, hop by hop.
   *
   * What the guard can no longer see with a caller's dispatcher: the socket is opened by the
   * dispatcher, so the address actually connected to is unknown (`FetchHop.address` is null)
   * and a DNS answer that changes between the guard's own lookup and the dispatcher's lookup
   * (DNS rebinding) cannot be caught; nor can the guard see where a proxy forwards the request.
   * What it still does on every hop: refuse non-http(s) schemes, credentials, disallowed ports,
   * forbidden IP literals in any spelling, and host names whose own resolution (with
   * {@link FetchOptions.lookup} or the system resolver) yields a forbidden address — a name
   * that does not resolve is allowed through, since the dispatcher may route names DNS does not know.
   */
  dispatcher?: Dispatcher;
  /**
   * DNS resolver used by the guard (and, without a caller dispatcher, by the connection itself:
   * the socket connects to the checked address, never to a second lookup). Default: `dns.lookup`
   * with `all: true`.
   */
  lookup?: LookupFunction;
  /** User-Agent header. Default: a current mainstream desktop Chrome UA, because stuffers cloak against bots. */
  userAgent?: string;
  /** Extra request headers (names case-insensitive). `host` and hop-by-hop headers are ignored. */
  headers?: Record<string, string>;
  /** Time and size limits. */
  limits?: FetchLimits;
  /** Aborts the fetch; the result then carries a `timeout` failure whose message says it was aborted. */
  signal?: AbortSignal;
}

/** Options of `probeUrl`: fetch options plus the merchant domains that end the probe. */
export interface ProbeOptions extends FetchOptions {
  /**
   * Registrable domains of merchants (`example-shop.com`); a hop whose host equals one or is a
   * subdomain of one ends the probe without reading the merchant's page body.
   */
  merchantDomains?: string[];
}

/** The parts of one `Set-Cookie` header that matter for spotting cookie stuffing. */
export interface SetCookieInfo {
  /** Cookie name. */
  name: string;
  /** The `Domain` attribute as sent (lower-cased, leading dot kept), or null for a host-only cookie. */
  domain: string | null;
  /** The `Path` attribute, or null when absent. */
  path: string | null;
  /** `Max-Age` in seconds, else derived from `Expires` relative to now, else null (session cookie). */
  maxAgeSeconds: number | null;
  /** The host of the response that set the cookie (always set by partnerguard; optional so hand-built fixtures stay valid). */
  setBy?: string;
}

/** One request/response in a redirect chain; the last hop is the final response. */
export interface FetchHop {
  /** The URL requested at this hop. */
  url: string;
  /** The response status code. */
  status: number;
  /** The raw `Location` header of a redirect, else null. */
  location: string | null;
  /** Cookies this response set. */
  setCookies: SetCookieInfo[];
  /** The remote address actually connected to, or null when unknown (caller dispatcher). */
  address: string | null;
}

/** Why a fetch or probe did not complete normally. */
export type FetchFailureCode =
  | 'refused'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'network'
  | 'http-error'
  | 'invalid-url';

/** A fetch failure as data: `fetchSite` and `probeUrl` resolve with it rather than reject. */
export interface FetchFailure {
  /** What kind of failure. */
  code: FetchFailureCode;
  /** Human-readable explanation naming the URL and, where useful, the limit or address. */
  message: string;
  /** For `refused` (and redirect failures): the {@link FetchRefusalReason} a `FetchRefusedError` would carry. */
  reason?: FetchRefusalReason;
  /** For `refused`: the forbidden address, when the refusal came from DNS or the socket. */
  address?: string;
  /** The URL being fetched when the failure happened (a redirect target, for hop failures). */
  url: string;
}

/** Everything `fetchSite` learned about one URL. */
export interface FetchedSite {
  /** The URL passed in. */
  requestedUrl: string;
  /** The last URL requested or attempted: a refused or failed redirect target included (the requested URL when nothing was fetched). */
  finalUrl: string;
  /** Status of the final response, or null when none was received. */
  status: number | null;
  /** Headers of the final response, names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The media type of the final response (`text/html`), lower-cased without parameters, or null. */
  contentType: string | null;
  /** The charset label used to decode `html` (a WHATWG encoding name), or null when not decoded. */
  charset: string | null;
  /** Where `charset` came from: the header, a `<meta>` tag, a byte-order mark, or the UTF-8 default. */
  charsetSource?: 'header' | 'meta' | 'bom' | 'default' | null;
  /** The decoded text when the type is HTML (or sniffed as HTML), else null. */
  html: string | null;
  /** Body bytes read, counted after decompression. */
  bodyBytes: number;
  /** True when `maxBodyBytes` stopped reading; `html` then holds the first `maxBodyBytes` bytes. */
  truncated: boolean;
  /** The `Content-Encoding` that was decoded (`gzip`, `deflate`, `br`), or null. */
  decompressed?: string | null;
  /** Every hop, the final response included. */
  redirects: FetchHop[];
  /** Timings of the whole fetch. */
  timings: {
    /** Milliseconds from start to end, all hops and the body included. */
    totalMs: number;
    /** Milliseconds from sending the final request to its response headers, or null when none arrived. */
    headersMs: number | null;
  };
  /**
   * Why the fetch did not complete normally, or null. Set for refusals, timeouts, oversized bodies,
   * 4xx/5xx… `html` may still be set alongside it: the first `maxBodyBytes` for `too-large`, what
   * arrived before a `timeout` during the body, the error page for `http-error`.
   */
  failure: FetchFailure | null;
}

/** The outcome of probing one auto-loaded affiliate URL. */
export interface ProbeResult {
  /** The URL probed. */
  url: string;
  /** Every hop followed, the last one included. */
  hops: FetchHop[];
  /** The merchant domain (from `merchantDomains`) the chain reached, or null. */
  reachedMerchant: string | null;
  /** The URL of the hop that reached the merchant, or null. */
  reachedMerchantUrl?: string | null;
  /** Cookies set along the chain, by networks or the merchant, in order. */
  affiliateCookies: SetCookieInfo[];
  /** Why the probe stopped early, or null. */
  failure: FetchFailure | null;
}
