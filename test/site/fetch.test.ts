import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/engine/errors.js';
import { DEFAULT_USER_AGENT, fetchSite } from '../../src/site/fetch.js';
import { html, redirect, startSiteServer } from '../helpers/http-server.js';
import type { SiteServer } from '../helpers/http-server.js';

const PAGE = '<!doctype html><html><head><title>Shop</title></head><body><p>Hello “world”</p></body></html>';

let server: SiteServer;
const via = (): { dispatcher: SiteServer['dispatcher'] } => ({ dispatcher: server.dispatcher });

beforeAll(async () => {
  server = await startSiteServer({
    'plain.test': html(PAGE),
    'chain.test': {
      '/': redirect('/step', { status: 301, cookies: ['visit=1; Domain=.chain.test; Path=/; Max-Age=3600', 'session=abc; HttpOnly'] }),
      '/step': redirect('https://landing.test/final#frag', { status: 307 }),
    },
    'landing.test': html('<p>landed</p>', { headers: { 'set-cookie': ['aff=42; Expires=Wed, 01 Jan 2099 00:00:00 GMT'] } }),
    // Sets a cookie, then only serves the page once the cookie comes back (a common bot check).
    'cookie-check.test': (req, res) => {
      if ((req.headers.cookie ?? '').includes('ok=1')) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<p>welcome</p>');
      } else {
        res.writeHead(302, { location: '/', 'set-cookie': 'ok=1' });
        res.end();
      }
    },
    'cp1252.test': { status: 200, headers: { 'content-type': 'text/html; charset=windows-1252' }, body: Buffer.from([0x3c, 0x70, 0x3e, 0x93, 0x68, 0x69, 0x94, 0x3c, 0x2f, 0x70, 0x3e]) },
    'latin2-meta.test': { status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>'), Buffer.from([0xb1]), Buffer.from('</p>')]) },
    'sjis-meta.test': { status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.concat([Buffer.from('<html><head><meta charset="shift_jis"></head><body>'), Buffer.from([0x93, 0xfa, 0x96, 0x7b]), Buffer.from('</body></html>')]) },
    'bogus-charset.test': { status: 200, headers: { 'content-type': 'text/html; charset=x-no-such-charset' }, body: 'caf\u00e9' },
    'utf16.test': { status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>bom</p>', 'utf16le')]) },
    'gzip.test': { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }, body: gzipSync(PAGE) },
    'br.test': { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' }, body: brotliCompressSync(PAGE) },
    'deflate.test': { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'deflate' }, body: deflateSync(PAGE) },
    'rawdeflate.test': { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'deflate' }, body: deflateRawSync(PAGE) },
    'double.test': { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip, br' }, body: brotliCompressSync(gzipSync(PAGE)) },
    'weird-coding.test': { status: 200, headers: { 'content-type': 'text/html', 'content-encoding': 'zstd' }, body: 'not really zstd' },
    'image.test': { status: 200, headers: { 'content-type': 'image/png' }, body: Buffer.alloc(2048, 1) },
    'untyped.test': (_req, res) => {
      // No Content-Type at all: browsers sniff.
      res.removeHeader('content-type');
      res.end('  <!DOCTYPE html><p>sniffed</p>');
    },
    'untyped-text.test': (_req, res) => res.end('just words'),
    'gone.test': html('<h1>Not found</h1>', { status: 404 }),
    'bad-location.test': redirect('http://[not-an-ip/'),
  });
});

afterAll(async () => {
  await server.close();
});

describe('fetchSite', () => {
  it('fetches a page through the routing dispatcher and records the response', async () => {
    const site = await fetchSite('https://plain.test/', via());
    expect(site.failure).toBeNull();
    expect(site.status).toBe(200);
    expect(site.finalUrl).toBe('https://plain.test/');
    expect(site.contentType).toBe('text/html');
    expect(site.charset).toBe('utf-8');
    expect(site.charsetSource).toBe('header');
    expect(site.html).toBe(PAGE);
    expect(site.bodyBytes).toBe(Buffer.byteLength(PAGE));
    expect(site.truncated).toBe(false);
    expect(site.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(site.redirects).toEqual([{ url: 'https://plain.test/', status: 200, location: null, setCookies: [], address: null }]);
    expect(site.timings.totalMs).toBeGreaterThanOrEqual(0);
    expect(site.timings.headersMs).not.toBeNull();
  });

  it('sends a desktop browser user agent by default, and the caller’s when given', async () => {
    await fetchSite('https://plain.test/', via());
    expect(server.requests.at(-1)?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toMatch(/Chrome\/\d+/u);
    await fetchSite('https://plain.test/', { ...via(), userAgent: 'Googlebot/2.1', headers: { referer: 'https://ref.test/', Host: 'ignored.test' } });
    const last = server.requests.at(-1);
    expect(last?.headers['user-agent']).toBe('Googlebot/2.1');
    expect(last?.headers.referer).toBe('https://ref.test/');
    expect(last?.host).toBe('plain.test');
  });

  it('records every redirect hop with its status, location and cookies', async () => {
    const site = await fetchSite('https://chain.test/', via());
    expect(site.failure).toBeNull();
    expect(site.finalUrl).toBe('https://landing.test/final');
    expect(site.html).toBe('<p>landed</p>');
    expect(site.redirects.map((h) => [h.url, h.status, h.location])).toEqual([
      ['https://chain.test/', 301, '/step'],
      ['https://chain.test/step', 307, 'https://landing.test/final#frag'],
      ['https://landing.test/final', 200, null],
    ]);
    expect(site.redirects[0]?.setCookies).toEqual([
      { name: 'visit', domain: '.chain.test', path: '/', maxAgeSeconds: 3600, setBy: 'chain.test' },
      { name: 'session', domain: null, path: null, maxAgeSeconds: null, setBy: 'chain.test' },
    ]);
    const aff = site.redirects[2]?.setCookies[0];
    expect(aff?.name).toBe('aff');
    expect(aff?.maxAgeSeconds).toBeGreaterThan(365 * 24 * 3600);
  });

  it('sends cookies back along the chain, so a set-and-check redirect is not a loop', async () => {
    const site = await fetchSite('https://cookie-check.test/', via());
    expect(site.failure).toBeNull();
    expect(site.html).toBe('<p>welcome</p>');
    expect(site.redirects.map((h) => h.status)).toEqual([302, 200]);
  });

  it.each([
    ['cp1252.test', 'windows-1252', 'header', '<p>\u201chi\u201d</p>'],
    ['latin2-meta.test', 'iso-8859-2', 'meta', '\u0105'],
    ['sjis-meta.test', 'shift_jis', 'meta', '日本'],
    ['bogus-charset.test', 'utf-8', 'default', 'café'],
    ['utf16.test', 'utf-16le', 'bom', '<p>bom</p>'],
  ])('decodes %s as %s (from %s)', async (host, charset, source, text) => {
    const site = await fetchSite(`https://${host}/`, via());
    expect(site.charset).toBe(charset);
    expect(site.charsetSource).toBe(source);
    expect(site.html).toContain(text);
  });

  it.each([
    ['gzip.test', 'gzip'],
    ['br.test', 'br'],
    ['deflate.test', 'deflate'],
    ['rawdeflate.test', 'deflate'],
    ['double.test', 'gzip, br'],
  ])('undoes the content coding of %s', async (host, coding) => {
    const site = await fetchSite(`https://${host}/`, via());
    expect(site.failure).toBeNull();
    expect(site.decompressed).toBe(coding);
    expect(site.html).toBe(PAGE);
    expect(site.bodyBytes).toBe(Buffer.byteLength(PAGE));
  });

  it('asks for compressed responses as a browser does', async () => {
    await fetchSite('https://plain.test/', via());
    expect(server.requests.at(-1)?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('does not decode a body in an unsupported coding', async () => {
    const site = await fetchSite('https://weird-coding.test/', via());
    expect(site.html).toBeNull();
    expect(site.decompressed).toBeNull();
    expect(site.headers['content-encoding']).toBe('zstd');
  });

  it('records non-HTML types without decoding them', async () => {
    const site = await fetchSite('https://image.test/', via());
    expect(site.failure).toBeNull();
    expect(site.contentType).toBe('image/png');
    expect(site.html).toBeNull();
    expect(site.charset).toBeNull();
    expect(site.bodyBytes).toBe(2048);
  });

  it('sniffs an untyped body as HTML only when it looks like HTML', async () => {
    const sniffed = await fetchSite('https://untyped.test/', via());
    expect(sniffed.contentType).toBeNull();
    expect(sniffed.html).toContain('sniffed');
    const text = await fetchSite('https://untyped-text.test/', via());
    expect(text.html).toBeNull();
    expect(text.bodyBytes).toBe(10);
  });

  it('reports 4xx/5xx as http-error but keeps the page', async () => {
    const site = await fetchSite('https://gone.test/', via());
    expect(site.status).toBe(404);
    expect(site.failure).toMatchObject({ code: 'http-error', url: 'https://gone.test/' });
    expect(site.html).toContain('Not found');
  });

  it('reports an invalid URL and an invalid redirect target as invalid-url', async () => {
    expect((await fetchSite('no scheme here', via())).failure?.code).toBe('invalid-url');
    const site = await fetchSite('https://bad-location.test/', via());
    expect(site.failure?.code).toBe('invalid-url');
    expect(site.redirects).toHaveLength(1);
  });

  it('reports an unreachable host as a network failure', async () => {
    const site = await fetchSite(`http://127.0.0.1:1/`, { allowPrivateNetwork: 'loopback', allowedPorts: [1] });
    expect(site.failure?.code).toBe('network');
    expect(site.failure?.message).toContain('127.0.0.1:1');
  });

  it('throws InputError only for programmer errors', async () => {
    await expect(fetchSite(42 as unknown as string)).rejects.toBeInstanceOf(InputError);
    await expect(fetchSite('https://plain.test/', { limits: { maxBodyBytes: -1 } })).rejects.toThrow(/maxBodyBytes/u);
    await expect(fetchSite('https://plain.test/', { allowedPorts: [70000] })).rejects.toBeInstanceOf(InputError);
    await expect(fetchSite('https://plain.test/', { headers: { x: 1 as unknown as string } })).rejects.toBeInstanceOf(InputError);
  });

  it('records the address connected to when it opens the connection itself', async () => {
    const site = await fetchSite(`http://plain.test:${server.port}/`, { lookup: server.lookup, allowPrivateNetwork: 'loopback', allowedPorts: [server.port] });
    expect(site.failure).toBeNull();
    expect(site.redirects[0]?.address).toBe('127.0.0.1');
  });
});
