/**
 * `fetchSite`: reads one applicant URL safely — SSRF-guarded at every hop, redirects followed
 * and recorded by hand, every limit enforced — and returns plain data for `analyzeSite`.
 * @module
 */
import { InputError } from '../engine/errors.js';
import type { FetchedSite, FetchFailure, FetchOptions } from './fetch-types.js';
import { discard, readBody } from './fetch/body.js';
import { decodeBody, htmlDecision, parseContentType, sniffsAsHtml } from './fetch/charset.js';
import { Session } from './fetch/session.js';

export { DEFAULT_LIMITS, DEFAULT_USER_AGENT } from './fetch/session.js';
export { assertFetchable, assertFetchableUrl, classifyAddress } from './ssrf-guard.js';

/**
 * Fetches an applicant's URL as a browser would (desktop Chrome user agent, redirects
 * followed, gzip/deflate/br undone, charset decoded) but under an SSRF guard and strict limits.
 *
 * It never rejects for anything the remote side does: refusals, timeouts, oversized bodies,
 * redirect loops, network errors and 4xx/5xx all resolve with `failure` set and whatever was
 * learned so far (hops, headers, a truncated body).
 * @param url - The absolute http(s) URL to fetch.
 * @param options - Guard, routing, header and limit options; see {@link FetchOptions}.
 * @returns The fetched site, as plain data.
 * @throws InputError when `url` is not a string or `options` are malformed (programmer errors).
 * @example
 * ```ts
 * const site = await fetchSite('https://applicant.example/');
 * if (site.failure === null && site.html !== null) analyze(site.html);
 * ```
 */
export async function fetchSite(url: string, options: FetchOptions = {}): Promise<FetchedSite> {
  if (typeof url !== 'string') throw new InputError(`url must be a string, got ${typeof url}`, { location: 'url' });
  const session = new Session(options);
  let failed = true;
  try {
    const followed = await session.follow(url);
    const site: FetchedSite = {
      requestedUrl: url,
      finalUrl: followed.lastUrl,
      status: null,
      headers: {},
      contentType: null,
      charset: null,
      charsetSource: null,
      html: null,
      bodyBytes: 0,
      truncated: false,
      decompressed: null,
      redirects: followed.hops,
      timings: { totalMs: 0, headersMs: null },
      failure: followed.failure,
    };
    const last = followed.last;
    if (last !== null) {
      site.status = last.hop.status;
      site.headers = last.headers;
      site.timings.headersMs = Math.round(last.headersMs);
      const { mediaType, charset } = parseContentType(last.headers['content-type'] ?? null);
      site.contentType = mediaType;
      if (followed.failure !== null) {
        // A redirect whose target failed: its own body is not the site.
        discard(last.body);
      } else {
        const decision = htmlDecision(mediaType);
        const read = await readBody(last.body, last.headers['content-encoding'] ?? null, session.limits.maxBodyBytes, decision !== 'other');
        site.bodyBytes = read.bodyBytes;
        site.truncated = read.truncated;
        site.decompressed = read.decompressed;
        const isHtml = !read.undecodable && (decision === 'html' || (decision === 'sniff' && sniffsAsHtml(read.bytes)));
        if (isHtml) {
          const decoded = decodeBody(read.bytes, charset);
          site.html = decoded.text;
          site.charset = decoded.charset;
          site.charsetSource = decoded.source;
        }
        site.failure = bodyFailure(read.error, read.truncated, session, last.url.href) ?? httpFailure(last.hop.status, last.url.href);
      }
    }
    site.timings.totalMs = Math.round(session.elapsed());
    failed = site.failure !== null && site.failure.code !== 'http-error';
    return site;
  } finally {
    session.close(failed);
  }
}

function bodyFailure(error: unknown, truncated: boolean, session: Session, url: string): FetchFailure | null {
  if (error !== null) return session.failureFrom(error, url);
  if (truncated) {
    return { code: 'too-large', message: `${url} sent more than ${session.limits.maxBodyBytes} bytes (after decompression); the first ${session.limits.maxBodyBytes} were kept`, url };
  }
  return null;
}

function httpFailure(status: number, url: string): FetchFailure | null {
  if (status < 400) return null;
  return { code: 'http-error', message: `${url} answered HTTP ${status}`, url };
}
