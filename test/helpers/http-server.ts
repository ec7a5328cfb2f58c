/**
 * A real local HTTP server for tests that need many "sites".
 *
 * One `node:http` server listens on 127.0.0.1 on an ephemeral port and routes each request by
 * its `Host` header (port stripped, lower-cased) to the handlers you give, so a test can serve
 * `https://shop-one.test/`, `http://network.example/` and friends from one process.
 *
 * Reaching it:
 * - {@link SiteServer.dispatcher} — an undici `Agent` that connects every origin, `https:`
 *   included, to the server over plain TCP (no TLS); undici still sends the origin's host in
 *   the `Host` header. Pass it as `dispatcher` to `fetchSite`/`screenSite`.
 * - {@link SiteServer.lookup} — a resolver mapping every name to 127.0.0.1, for tests of the
 *   fetcher's own connector (`lookup` option; use `http://name:port/` URLs and list the port in
 *   `allowedPorts`).
 * - {@link SiteServer.url} — `http://127.0.0.1:<port>/…` for direct requests.
 *
 * Usage:
 * ```ts
 * const server = await startSiteServer({
 *   'shop-one.test': { '/': html('<h1>Hi</h1>'), '/go': redirect('https://shop-two.test/') },
 *   'shop-two.test': (req, res) => res.end('raw handler'),
 *   '*': html('fallback for any other host', { status: 404 }),
 * });
 * await fetchSite('https://shop-one.test/', { dispatcher: server.dispatcher });
 * await server.close(); // also closes the dispatcher and any connection a hostile handler left open
 * ```
 * A route value is a handler `(req, res) => void`, a canned {@link SiteResponse}, or a map from
 * path (without query) to either; a path map may have a `'*'` entry. Routes can be changed
 * while the server runs with {@link SiteServer.route}. Every request is logged in
 * {@link SiteServer.requests}.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { Agent } from 'undici';
import type { LookupFunction } from '../../src/site/fetch-types.js';

/** A request handler; it owns the response (it may never end it, to play a hostile server). A returned promise that rejects becomes a 500. */
export type SiteHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** A canned response: status (default 200), headers, body. */
export interface SiteResponse {
  /** Status code; default 200. */
  status?: number;
  /** Response headers; `set-cookie` may be an array. */
  headers?: OutgoingHttpHeaders;
  /** Body; default empty. */
  body?: string | Buffer;
}

/** What one host serves: one handler/response for every path, or a map by path. */
export type SiteRoute = SiteHandler | SiteResponse | Record<string, SiteHandler | SiteResponse>;

/** One request the server received. */
export interface LoggedRequest {
  /** Host header without port, lower-cased. */
  host: string;
  /** Path with query. */
  url: string;
  /** Request method. */
  method: string;
  /** Request headers. */
  headers: IncomingHttpHeaders;
}

/** A running test server. */
export interface SiteServer {
  /** The listening port on 127.0.0.1. */
  readonly port: number;
  /** An undici dispatcher routing every origin to this server over plain HTTP. */
  readonly dispatcher: Agent;
  /** A resolver that maps every host name to 127.0.0.1. */
  readonly lookup: LookupFunction;
  /** Every request received, in order. */
  readonly requests: LoggedRequest[];
  /** `http://127.0.0.1:<port><path>`. */
  url(path?: string): string;
  /** Sets (or, with undefined, removes) the route for a host; `'*'` is the fallback. */
  route(host: string, route: SiteRoute | undefined): void;
  /** Closes the dispatcher, destroys open connections and stops listening. */
  close(): Promise<void>;
}

/** A 200 `text/html; charset=utf-8` response (override with `init`). */
export function html(body: string, init: Omit<SiteResponse, 'body'> = {}): SiteResponse {
  return { status: init.status ?? 200, headers: { 'content-type': 'text/html; charset=utf-8', ...init.headers }, body };
}

/** A redirect (default 302) to `location`, optionally setting cookies. */
export function redirect(location: string, init: { status?: number; cookies?: string[]; headers?: OutgoingHttpHeaders } = {}): SiteResponse {
  const headers: OutgoingHttpHeaders = { location, ...init.headers };
  if (init.cookies !== undefined) headers['set-cookie'] = init.cookies;
  return { status: init.status ?? 302, headers, body: '' };
}

function isResponse(value: SiteHandler | SiteResponse | Record<string, SiteHandler | SiteResponse>): value is SiteResponse {
  return typeof value === 'object' && ('status' in value || 'headers' in value || 'body' in value) && !Object.keys(value).some((k) => k.startsWith('/') || k === '*');
}

function send(res: ServerResponse, response: SiteResponse): void {
  res.writeHead(response.status ?? 200, response.headers ?? {});
  res.end(response.body ?? '');
}

function hostOf(req: IncomingMessage): string {
  const raw = (req.headers.host ?? '').toLowerCase();
  // `[::1]:8080` keeps its brackets; `name:8080` loses the port.
  if (raw.startsWith('[')) return raw.slice(0, raw.indexOf(']') + 1);
  const colon = raw.lastIndexOf(':');
  return colon === -1 ? raw : raw.slice(0, colon);
}

/**
 * Starts a server on 127.0.0.1:0 routing by `Host` header.
 * @param routes - Host name (without port) → route; `'*'` serves unknown hosts (else 404).
 * @returns The running server; call `close()` in `afterAll`/`afterEach`.
 */
export async function startSiteServer(routes: Record<string, SiteRoute> = {}): Promise<SiteServer> {
  const table = new Map<string, SiteRoute>(Object.entries(routes).map(([k, v]) => [k.toLowerCase(), v]));
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const host = hostOf(req);
    requests.push({ host, url: req.url ?? '/', method: req.method ?? 'GET', headers: req.headers });
    const route = table.get(host) ?? table.get('*');
    let target: SiteHandler | SiteResponse | undefined;
    if (route === undefined) target = undefined;
    else if (typeof route === 'function' || isResponse(route)) target = route;
    else {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const byPath = route as Record<string, SiteHandler | SiteResponse>;
      target = byPath[path] ?? byPath['*'];
    }
    if (target === undefined) {
      send(res, { status: 404, headers: { 'content-type': 'text/plain' }, body: `no route for ${host}${req.url ?? ''}` });
      return;
    }
    if (typeof target === 'function') {
      Promise.resolve(target(req, res)).catch((error: unknown) => {
        if (!res.headersSent) send(res, { status: 500, body: String(error) });
        else res.destroy();
      });
      return;
    }
    send(res, target);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server did not get a TCP port');
  const port = address.port;

  const dispatcher = new Agent({
    // Every origin, https included, goes to the one plain-HTTP server; undici keeps the origin's Host header.
    connect: (_options, callback) => {
      const socket = netConnect({ host: '127.0.0.1', port });
      const onError = (error: Error): void => callback(error, null);
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        callback(null, socket);
      });
    },
  });

  return {
    port,
    dispatcher,
    lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    requests,
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    route(host, route) {
      if (route === undefined) table.delete(host.toLowerCase());
      else table.set(host.toLowerCase(), route);
    },
    async close() {
      await dispatcher.destroy().catch(() => undefined);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
