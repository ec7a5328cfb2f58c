/**
 * Hostile servers: every one must end in bounded time and memory with a clear failure.
 * Timing is only asserted loosely ("it finished"), via the per-test timeout.
 */
import type { ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSite } from '../../src/site/fetch.js';
import { assertFetchable } from '../../src/site/ssrf-guard.js';
import type { LookupFunction } from '../../src/site/fetch-types.js';
import { html, redirect, startSiteServer } from '../helpers/http-server.js';
import type { SiteServer } from '../helpers/http-server.js';

const MB = 1024 * 1024;

/** Writes `total` bytes of filler, respecting backpressure, until done or the client goes away. */
function stream(res: ServerResponse, total: number, chunk: Buffer): void {
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

/** Sends one byte every 50 ms forever (until the client hangs up). */
function trickle(res: ServerResponse): void {
  const timer = setInterval(() => res.write('.'), 50);
  res.on('close', () => clearInterval(timer));
}

const FORBIDDEN_TARGETS = [
  'http://127.0.0.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]/',
  'http://0x7f000001/',
  'http://[::ffff:127.0.0.1]/',
  'http://2130706433/',
  'http://127.1/',
  'http://0177.0.0.1/',
  'http://10.0.0.1/',
  'http://100.64.0.1/',
  'http://[fd00::1]/',
  'http://[fe80::1]/',
  'http://[64:ff9b::a9fe:a9fe]/',
  'http://localhost/',
  'http://0.0.0.0/',
];

let server: SiteServer;
let bomb: Buffer;
let brBomb: Buffer;

beforeAll(async () => {
  // 100 MB of zeros: ~100 KB gzipped, ~80 bytes as brotli.
  const zeros = Buffer.alloc(100 * MB);
  bomb = gzipSync(zeros, { level: 1 });
  brBomb = brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
  const routes: Parameters<typeof startSiteServer>[0] = {
    'big.test': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      stream(res, 50 * MB, Buffer.alloc(64 * 1024, 'a'));
    },
    'big-image.test': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      stream(res, 50 * MB, Buffer.alloc(64 * 1024, 1));
    },
    'bomb.test': { status: 200, headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: Buffer.alloc(0) },
    'br-bomb.test': { status: 200, headers: { 'content-type': 'text/html', 'content-encoding': 'br' }, body: Buffer.alloc(0) },
    'trickle-body.test': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      trickle(res);
    },
    'silent.test': () => {
      // Never answers: the headers timeout must end it.
    },
    'trickle-headers.test': (_req, res) => {
      // Sends header bytes slowly, never finishing them.
      const socket = res.socket;
      socket?.write('HTTP/1.1 200 OK\r\n');
      const timer = setInterval(() => socket?.write('X-Slow: a\r\n'), 50);
      socket?.on('close', () => clearInterval(timer));
    },
    'loop-a.test': redirect('https://loop-b.test/'),
    'loop-b.test': redirect('https://loop-a.test/'),
    'self.test': redirect('/'),
    'deep.test': (req, res) => {
      const n = Number((req.url ?? '/').slice(1)) || 0;
      res.writeHead(302, { location: `/${n + 1}` });
      res.end();
    },
    'forbidden.test': (req, res) => {
      const i = Number((req.url ?? '/').slice(1));
      res.writeHead(302, { location: FORBIDDEN_TARGETS[i] ?? '/' });
      res.end();
    },
    'to-file.test': redirect('file:///etc/passwd'),
    'to-creds.test': redirect('http://admin:admin@shop.test/'),
    'to-port.test': redirect('http://shop.test:6379/'),
    'shop.test': html('<p>shop</p>'),
  };
  server = await startSiteServer(routes);
  server.route('bomb.test', { status: 200, headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: bomb });
  server.route('br-bomb.test', { status: 200, headers: { 'content-type': 'text/html', 'content-encoding': 'br' }, body: brBomb });
});

afterAll(async () => {
  await server.close();
});

const via = (): { dispatcher: SiteServer['dispatcher'] } => ({ dispatcher: server.dispatcher });

describe('hostile bodies', () => {
  it('stops a 50 MB body at the cap', async () => {
    const site = await fetchSite('https://big.test/', { ...via(), limits: { maxBodyBytes: 1 * MB } });
    expect(site.failure?.code).toBe('too-large');
    expect(site.truncated).toBe(true);
    expect(site.bodyBytes).toBe(1 * MB);
    expect(site.html).toHaveLength(1 * MB);
  });

  it('stops a 50 MB body at the default 5 MB cap', async () => {
    const site = await fetchSite('https://big.test/', via());
    expect(site.failure?.code).toBe('too-large');
    expect(site.bodyBytes).toBe(5 * MB);
  });

  it('counts but does not keep a large non-HTML body', async () => {
    const site = await fetchSite('https://big-image.test/', { ...via(), limits: { maxBodyBytes: 2 * MB } });
    expect(site.failure?.code).toBe('too-large');
    expect(site.html).toBeNull();
    expect(site.bodyBytes).toBe(2 * MB);
  });

  it.each([
    ['bomb.test', 'gzip'],
    ['br-bomb.test', 'br'],
  ])('stops a %s compression bomb at the cap, counted after decompression', async (host, coding) => {
    const before = process.memoryUsage().rss;
    const site = await fetchSite(`https://${host}/`, { ...via(), limits: { maxBodyBytes: 1 * MB } });
    expect(site.failure?.code).toBe('too-large');
    expect(site.decompressed).toBe(coding);
    expect(site.truncated).toBe(true);
    expect(site.bodyBytes).toBe(1 * MB);
    // Generous: inflating the whole bomb would add ~100 MB.
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * MB);
  });

  it('ends a body that trickles forever at the total timeout, keeping what arrived', async () => {
    const site = await fetchSite('https://trickle-body.test/', { ...via(), limits: { totalTimeoutMs: 800 } });
    expect(site.failure?.code).toBe('timeout');
    expect(site.failure?.message).toContain('total timeout');
    expect(site.status).toBe(200);
  });

  it('ends a server that never answers at the headers timeout', async () => {
    const site = await fetchSite('https://silent.test/', { ...via(), limits: { headersTimeoutMs: 300 } });
    expect(site.failure?.code).toBe('timeout');
    expect(site.status).toBeNull();
  });

  it('ends headers that trickle forever', async () => {
    const site = await fetchSite('https://trickle-headers.test/', { ...via(), limits: { headersTimeoutMs: 300, totalTimeoutMs: 2_000 } });
    expect(site.failure?.code).toBe('timeout');
  });

  it('ends on the caller’s abort signal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const site = await fetchSite('https://silent.test/', { ...via(), signal: controller.signal });
    expect(site.failure?.code).toBe('timeout');
    expect(site.failure?.message).toContain('aborted');
  });
});

describe('hostile redirects', () => {
  it('detects a redirect loop', async () => {
    const site = await fetchSite('https://loop-a.test/', via());
    expect(site.failure).toMatchObject({ code: 'redirect-loop', reason: 'redirect-loop', url: 'https://loop-a.test/' });
    expect(site.redirects).toHaveLength(2);
    const self = await fetchSite('https://self.test/', via());
    expect(self.failure?.code).toBe('redirect-loop');
  });

  it('stops an endless chain at maxRedirects', async () => {
    const site = await fetchSite('https://deep.test/0', { ...via(), limits: { maxRedirects: 5 } });
    expect(site.failure?.code).toBe('too-many-redirects');
    expect(site.redirects).toHaveLength(6);
    expect(site.failure?.url).toBe('https://deep.test/6');
  });

  it.each(FORBIDDEN_TARGETS.map((target, i) => [target, i] as const))('refuses a redirect to %s before sending anything', async (target, i) => {
    server.requests.length = 0;
    const site = await fetchSite(`https://forbidden.test/${i}`, via());
    expect(site.failure?.code).toBe('refused');
    expect(site.failure?.reason).toBe('private-address');
    expect(site.failure?.url).toBe(new URL(target).href);
    expect(site.redirects).toHaveLength(1);
    expect(site.html).toBeNull();
    // The routing dispatcher would deliver any request to this server: only the first hop arrived.
    expect(server.requests.map((r) => r.host)).toEqual(['forbidden.test']);
  });

  it.each([
    ['to-file.test', 'scheme'],
    ['to-creds.test', 'credentials'],
    ['to-port.test', 'port'],
  ])('refuses a redirect from %s (%s)', async (host, reason) => {
    const site = await fetchSite(`https://${host}/`, via());
    expect(site.failure).toMatchObject({ code: 'refused', reason });
  });
});

describe('connect-time guard (partnerguard opens the connection)', () => {
  it('refuses a public-looking name that resolves to loopback, and nothing reaches the server', async () => {
    server.requests.length = 0;
    const site = await fetchSite(`http://shop.test:${server.port}/`, { lookup: server.lookup, allowedPorts: [server.port] });
    expect(site.failure).toMatchObject({ code: 'refused', reason: 'private-address', address: '127.0.0.1' });
    expect(server.requests).toHaveLength(0);
  });

  it('closes the DNS-rebinding gap: a name checked as public then answering loopback is refused at connect', async () => {
    let calls = 0;
    const rebinding: LookupFunction = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    };
    const options = { lookup: rebinding, allowedPorts: [server.port] };
    await expect(assertFetchable(`http://shop.test:${server.port}/`, options)).resolves.toBeInstanceOf(URL);
    server.requests.length = 0;
    const site = await fetchSite(`http://shop.test:${server.port}/`, options);
    expect(site.failure).toMatchObject({ code: 'refused', address: '127.0.0.1' });
    expect(server.requests).toHaveLength(0);
  });

  it('in loopback mode fetches 127.0.0.1 but still refuses a redirect to the metadata address and other private ranges', async () => {
    const options = { lookup: server.lookup, allowPrivateNetwork: 'loopback' as const, allowedPorts: [server.port, 80] };
    const ok = await fetchSite(`http://shop.test:${server.port}/`, options);
    expect(ok.failure).toBeNull();
    expect(ok.redirects[0]?.address).toBe('127.0.0.1');
    for (const i of [1, 8, 9, 11]) {
      const site = await fetchSite(`http://forbidden.test:${server.port}/${i}`, options);
      expect(site.failure).toMatchObject({ code: 'refused', reason: 'private-address' });
    }
  });

  it('with a caller dispatcher, still refuses names whose own resolution is private', async () => {
    const privateLookup: LookupFunction = async () => [{ address: '10.1.2.3', family: 4 }];
    const site = await fetchSite('https://shop.test/', { ...via(), lookup: privateLookup });
    expect(site.failure).toMatchObject({ code: 'refused', address: '10.1.2.3' });
  });
});
