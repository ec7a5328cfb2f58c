/**
 * The redirect loop shared by `fetchSite` and `probeUrl`: one guarded request per hop, every
 * hop recorded, limits enforced, failures turned into data.
 * @module
 */
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import { FetchRefusedError, InputError } from '../../engine/errors.js';
import type { FetchFailure, FetchHop, FetchLimits, FetchOptions } from '../fetch-types.js';
import { assertFetchableUrl, bareHostname, classifyAddress, createGuardedConnector, originKey, resolveAllowed, resolveGuardPolicy } from '../ssrf-guard.js';
import type { GuardPolicy } from '../ssrf-guard.js';
import { discard } from './body.js';
import { CookieJar, parseSetCookie } from './cookies.js';

/**
 * The default User-Agent: a current desktop Chrome on Windows, the most common browser, because
 * cookie stuffers serve bots a clean page.
 */
export const DEFAULT_USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36';

/** The default limits; see {@link FetchLimits}. */
export const DEFAULT_LIMITS: Readonly<Required<FetchLimits>> = Object.freeze({
  totalTimeoutMs: 15_000,
  headersTimeoutMs: 10_000,
  maxRedirects: 10,
  maxBodyBytes: 5 * 1024 * 1024,
});

/** Headers a caller may not set: the transport owns them. */
const RESERVED_HEADERS = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-connection', 'content-length', 'expect']);

/** The abort reason of a screening deadline: its message names the budget (`the site deadline of 30000 ms`). */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** One hop's response, body not yet read. */
export interface HopResponse {
  /** The recorded hop. */
  hop: FetchHop;
  /** The URL requested. */
  url: URL;
  /** Response headers, lower-cased, repeated values joined with `, `. */
  headers: Record<string, string>;
  /** The unread body; the caller reads or destroys it. */
  body: Readable;
  /** Milliseconds from sending the request to its headers. */
  headersMs: number;
}

/** The outcome of {@link Session.follow}. */
export interface FollowResult {
  /** The last response received (its body unread), or null when none was. */
  last: HopResponse | null;
  /** Every hop, in order. */
  hops: FetchHop[];
  /** The URL requested last or refused last. */
  lastUrl: string;
  /** Why following stopped early, or null. */
  failure: FetchFailure | null;
}

function validateLimits(limits: FetchLimits | undefined): Required<FetchLimits> {
  if (limits === undefined) return { ...DEFAULT_LIMITS };
  if (typeof limits !== 'object' || limits === null) throw new InputError('options.limits must be an object', { location: 'options.limits' });
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof FetchLimits>) {
    const value = limits[key];
    if (value === undefined) continue;
    const min = key === 'maxRedirects' ? 0 : 1;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      throw new InputError(`options.limits.${key} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`, { location: `options.limits.${key}` });
    }
    out[key] = value;
  }
  return out;
}

function buildHeaders(options: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': DEFAULT_USER_AGENT,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
    'accept-language': 'en-US,en;q=0.9',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.userAgent !== undefined) {
    if (typeof options.userAgent !== 'string' || options.userAgent === '') throw new InputError('options.userAgent must be a non-empty string', { location: 'options.userAgent' });
    headers['user-agent'] = options.userAgent;
  }
  if (options.headers !== undefined) {
    if (typeof options.headers !== 'object' || options.headers === null) throw new InputError('options.headers must be an object of strings', { location: 'options.headers' });
    for (const [name, value] of Object.entries(options.headers)) {
      if (typeof value !== 'string') throw new InputError(`options.headers["${name}"] must be a string`, { location: `options.headers.${name}` });
      const lower = name.toLowerCase();
      if (!RESERVED_HEADERS.has(lower)) headers[lower] = value;
    }
  }
  return headers;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function setCookieValues(raw: Record<string, string | string[] | undefined>): string[] {
  const value = raw['set-cookie'];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** Finds a FetchRefusedError in an error or its cause chain (undici may wrap connector errors). */
function findRefusal(error: unknown): FetchRefusedError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof FetchRefusedError) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return null;
}

/**
 * One fetch or probe: validated options, the dispatcher (a private guarded `Agent` unless the
 * caller gave one), the deadline, and the cookie jar. Close it when done.
 */
export class Session {
  /** The compiled guard policy. */
  readonly policy: GuardPolicy;
  /** Validated limits. */
  readonly limits: Required<FetchLimits>;
  /** When the session started (performance.now()). */
  readonly startedAt = performance.now();
  /** Aborts on total timeout or the caller's signal. */
  readonly signal: AbortSignal;
  private readonly headers: Record<string, string>;
  private readonly dispatcher: Dispatcher;
  private readonly ownAgent: Agent | null;
  private readonly addresses = new Map<string, string>();
  private readonly jar = new CookieJar();
  private readonly deadline: AbortController;
  private readonly timer: NodeJS.Timeout;
  private readonly callerSignal: AbortSignal | undefined;

  /**
   * @param options - The caller's options; validated here.
   * @throws InputError for malformed options.
   */
  constructor(options: FetchOptions) {
    if (typeof options !== 'object' || options === null) throw new InputError('options must be an object', { location: 'options' });
    this.policy = resolveGuardPolicy(options);
    this.limits = validateLimits(options.limits);
    this.headers = buildHeaders(options);
    if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw new InputError('options.signal must be an AbortSignal', { location: 'options.signal' });
    if (options.dispatcher !== undefined && (typeof options.dispatcher !== 'object' || options.dispatcher === null || typeof options.dispatcher.request !== 'function')) {
      throw new InputError('options.dispatcher must be an undici Dispatcher', { location: 'options.dispatcher' });
    }
    this.callerSignal = options.signal;
    this.deadline = new AbortController();
    this.timer = setTimeout(() => this.deadline.abort(new Error(`total timeout of ${this.limits.totalTimeoutMs} ms exceeded`)), this.limits.totalTimeoutMs);
    this.signal = options.signal === undefined ? this.deadline.signal : AbortSignal.any([this.deadline.signal, options.signal]);
    if (options.dispatcher !== undefined) {
      this.dispatcher = options.dispatcher;
      this.ownAgent = null;
    } else {
      // A private agent per fetch: the guard is baked into its connector, and a hostile site's
      // sockets are never pooled with anyone else's requests.
      this.ownAgent = new Agent({
        connect: createGuardedConnector(this.policy, {
          connectTimeoutMs: this.limits.headersTimeoutMs,
          onConnect: (key, address) => this.addresses.set(key, address),
        }),
        headersTimeout: this.limits.headersTimeoutMs,
        bodyTimeout: this.limits.headersTimeoutMs,
        keepAliveTimeout: 1_000,
      });
      this.dispatcher = this.ownAgent;
    }
  }

  /** Milliseconds since the session started. */
  elapsed(): number {
    return performance.now() - this.startedAt;
  }

  /**
   * Stops the deadline timer and closes the private agent (and any socket a hostile server held
   * open). Not awaited: every body is read or destroyed by now, so closing is a formality, and
   * waiting for socket close events would only add latency to each fetch.
   * @param failed - Destroy rather than close gracefully (a request may still be in flight).
   */
  close(failed = true): void {
    clearTimeout(this.timer);
    if (this.ownAgent === null) return;
    // close() avoids building an error per socket, which destroy() does even when nothing is pending.
    (failed ? this.ownAgent.destroy() : this.ownAgent.close()).catch(() => undefined);
  }

  /** Turns any error thrown while requesting or reading into a {@link FetchFailure}. */
  failureFrom(error: unknown, url: string): FetchFailure {
    const refusal = findRefusal(error);
    if (refusal !== null) {
      const failure: FetchFailure = { code: 'refused', message: refusal.message, reason: refusal.reason, url };
      if (refusal.address !== undefined) failure.address = refusal.address;
      return failure;
    }
    if (this.deadline.signal.aborted) return { code: 'timeout', message: `Fetching ${url} took longer than the total timeout of ${this.limits.totalTimeoutMs} ms`, url };
    if (this.callerSignal?.aborted === true) {
      // A deadline passed down as the signal says itself which budget ran out.
      const reason: unknown = this.callerSignal.reason;
      const why = reason instanceof DeadlineExceeded ? reason.message : "the caller's signal";
      return { code: 'timeout', message: `Fetching ${url} was aborted by ${why}`, url };
    }
    const code = errorCode(error);
    if (code === 'UND_ERR_HEADERS_TIMEOUT') return { code: 'timeout', message: `${url} sent no complete response headers within ${this.limits.headersTimeoutMs} ms`, url };
    if (code === 'UND_ERR_BODY_TIMEOUT') return { code: 'timeout', message: `${url} sent no body data for ${this.limits.headersTimeoutMs} ms`, url };
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return { code: 'timeout', message: `Connecting to ${url} took longer than ${this.limits.headersTimeoutMs} ms`, url };
    if (code === 'UND_ERR_HEADERS_OVERFLOW') return { code: 'too-large', message: `${url} sent response headers larger than the parser allows`, url };
    const detail = error instanceof Error ? error.message : String(error);
    return { code: 'network', message: `Fetching ${url} failed: ${detail}${code === undefined ? '' : ` (${code})`}`, url };
  }

  /**
   * Checks and requests one URL (GET, no redirect following) and records the hop.
   * @throws FetchRefusedError when the guard refuses; undici errors on network failure.
   */
  async request(url: URL): Promise<HopResponse> {
    assertFetchableUrl(url, this.policy);
    const host = bareHostname(url);
    if (this.ownAgent === null && classifyAddress(host) === null) {
      // The caller's dispatcher connects, so the connect-time check cannot run: resolve here.
      await resolveAllowed(host, url.href, this.policy, true);
    }
    const headers = { ...this.headers };
    const cookie = this.jar.header(url, host);
    if (cookie !== null) headers.cookie = cookie;
    const sentAt = performance.now();
    const response = await this.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers,
      signal: this.signal,
      headersTimeout: this.limits.headersTimeoutMs,
      bodyTimeout: this.limits.headersTimeoutMs,
    });
    const headersMs = performance.now() - sentAt;
    const setCookies = setCookieValues(response.headers).map((value) => {
      const parsed = parseSetCookie(value, host);
      this.jar.store(parsed, host, url.pathname);
      const { value: _value, ...info } = parsed;
      return info;
    });
    const flat = flattenHeaders(response.headers);
    const location = REDIRECT_STATUSES.has(response.statusCode) ? (flat.location ?? null) : null;
    const hop: FetchHop = {
      url: url.href,
      status: response.statusCode,
      location,
      setCookies,
      address: this.ownAgent === null ? null : (this.addresses.get(originKey(url)) ?? null),
    };
    return { hop, url, headers: flat, body: response.body, headersMs };
  }

  /**
   * Requests `start` and follows redirects hop by hop (each one guarded) until a non-redirect,
   * `stop` returns true, or a limit is hit. Bodies of redirect responses are destroyed unread.
   * @param start - The first URL.
   * @param stop - Ends following after a hop (its body is left for the caller).
   */
  async follow(start: string, stop: (response: HopResponse) => boolean = () => false): Promise<FollowResult> {
    const hops: FetchHop[] = [];
    let url: URL;
    try {
      url = new URL(start);
    } catch {
      return { last: null, hops, lastUrl: start, failure: { code: 'invalid-url', message: `${JSON.stringify(start.slice(0, 200))} is not a valid absolute URL`, url: start } };
    }
    const seen = new Set<string>();
    let last: HopResponse | null = null;
    for (let redirects = 0; ; redirects += 1) {
      url.hash = '';
      // A revisit with the same cookies can only repeat itself; with new cookies it may be a cookie check.
      const key = `${url.href}\n${this.jar.header(url, bareHostname(url)) ?? ''}`;
      if (seen.has(key)) {
        return { last, hops, lastUrl: url.href, failure: { code: 'redirect-loop', message: `Redirect loop: ${url.href} was already visited in this chain`, reason: 'redirect-loop', url: url.href } };
      }
      seen.add(key);
      let response: HopResponse;
      try {
        response = await this.request(url);
      } catch (error) {
        return { last, hops, lastUrl: url.href, failure: this.failureFrom(error, url.href) };
      }
      last = response;
      hops.push(response.hop);
      if (stop(response) || response.hop.location === null) return { last, hops, lastUrl: url.href, failure: null };
      discard(response.body);
      let next: URL;
      try {
        next = new URL(response.hop.location, url);
      } catch {
        const message = `${url.href} redirects to ${JSON.stringify(response.hop.location.slice(0, 200))}, which is not a valid URL`;
        return { last, hops, lastUrl: url.href, failure: { code: 'invalid-url', message, reason: 'invalid-url', url: url.href } };
      }
      if (redirects >= this.limits.maxRedirects) {
        const message = `More than ${this.limits.maxRedirects} redirects starting at ${start} (next: ${next.href})`;
        return { last, hops, lastUrl: url.href, failure: { code: 'too-many-redirects', message, reason: 'too-many-redirects', url: next.href } };
      }
      url = next;
    }
  }
}
