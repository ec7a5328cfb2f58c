import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/engine/errors.js';
import { clickFromRequest, type ClickFromRequestOptions } from '../../src/clicks/from-request.js';
import { createClickScreener } from '../../src/builtin.js';
import type { Click } from '../../src/clicks/types.js';

// A real node:http server on loopback that answers each request with the click built from it.
let port: number;
let optionsFor: (req: IncomingMessage) => ClickFromRequestOptions = () => ({ partnerId: 'p1' });
const server = createServer((req, res) => {
  try {
    const click = clickFromRequest(req, optionsFor(req));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(click));
  } catch (error) {
    res.statusCode = 400;
    res.end(String(error));
  }
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(headers: Record<string, string | string[]>, path = '/go?p=1'): Promise<Click> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body) as Click) : reject(new Error(body))));
    });
    req.on('error', reject);
    req.end();
  });
}

const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

describe('clickFromRequest on node:http', () => {
  it('takes the socket peer, user agent, referrer, landing URL and the rule headers, names lower-cased', async () => {
    optionsFor = () => ({ partnerId: 'p1', clickId: 'c1', timestamp: 1_714_953_600_000 });
    const click = await send({ 'User-Agent': chrome, Referer: 'https://blog.example/post', 'Sec-Fetch-Dest': 'document', 'Accept-Language': 'en', 'X-Forwarded-For': '198.51.100.7', Cookie: 'secret=1' });
    expect(click).toEqual({
      clickId: 'c1',
      timestamp: 1_714_953_600_000,
      partnerId: 'p1',
      ip: '127.0.0.1',
      userAgent: chrome,
      referrer: 'https://blog.example/post',
      landingUrl: `http://127.0.0.1:${port}/go?p=1`,
      headers: { 'accept-language': 'en', 'sec-fetch-dest': 'document' },
    });
  });

  it('believes X-Forwarded-For only as far as trustProxy says', async () => {
    const xff = { 'X-Forwarded-For': '203.0.113.9, 198.51.100.7, 10.0.0.2' };
    const ipWith = async (trustProxy: ClickFromRequestOptions['trustProxy']) => {
      optionsFor = () => ({ partnerId: 'p1', ...(trustProxy === undefined ? {} : { trustProxy }) });
      return (await send(xff)).ip;
    };
    expect(await ipWith(undefined)).toBe('127.0.0.1');
    expect(await ipWith(false)).toBe('127.0.0.1');
    expect(await ipWith(0)).toBe('127.0.0.1');
    expect(await ipWith(1)).toBe('10.0.0.2');
    expect(await ipWith(2)).toBe('198.51.100.7');
    expect(await ipWith(9)).toBe('203.0.113.9');
    expect(await ipWith(true)).toBe('203.0.113.9');
    expect(await ipWith(['127.0.0.1', '10.0.0.0/8'])).toBe('198.51.100.7');
    expect(await ipWith(['127.0.0.0/8', '10.0.0.0/8', '198.51.100.0/24'])).toBe('203.0.113.9');
  });

  it('strips ports, brackets and IPv4-mapped prefixes from forwarded entries', async () => {
    optionsFor = () => ({ partnerId: 'p1', trustProxy: true });
    expect((await send({ 'X-Forwarded-For': '203.0.113.9:5555' })).ip).toBe('203.0.113.9');
    expect((await send({ 'X-Forwarded-For': '[2001:db8::1]:443' })).ip).toBe('2001:db8::1');
    expect((await send({ 'X-Forwarded-For': '::ffff:203.0.113.9' })).ip).toBe('203.0.113.9');
  });
});

describe('clickFromRequest on other request shapes', () => {
  it('reads a Fetch Request (Hono), which needs remoteAddress', () => {
    const req = new Request('https://track.example/go/p1?sub=a', { headers: { 'user-agent': chrome, 'sec-fetch-site': 'cross-site', 'x-forwarded-for': '203.0.113.9' } });
    expect(() => clickFromRequest(req, { partnerId: 'p1' })).toThrow(/pass options.remoteAddress/u);
    const click = clickFromRequest(req, { partnerId: 'p1', remoteAddress: '10.0.0.5', trustProxy: ['10.0.0.0/8'] });
    expect(click).toMatchObject({ ip: '203.0.113.9', userAgent: chrome, landingUrl: 'https://track.example/go/p1?sub=a', headers: { 'sec-fetch-site': 'cross-site' } });
  });

  it('reads a Fastify request through its raw message, and refuses a missing partner or a bad trust list', () => {
    const raw = { headers: { 'user-agent': 'curl/8.4.0', host: 'track.example' }, url: '/go', socket: { remoteAddress: '::ffff:198.51.100.7', encrypted: true } };
    expect(clickFromRequest({ raw }, { partnerId: 'p1' })).toMatchObject({ ip: '198.51.100.7', landingUrl: 'https://track.example/go' });
    expect(() => clickFromRequest(raw, { partnerId: '' })).toThrow(InputError);
    expect(() => clickFromRequest(raw, { partnerId: 'p1', trustProxy: ['not-a-range'] })).toThrow(/trustProxy entry "not-a-range"/u);
  });

  it('feeds the screener directly', () => {
    const raw = { headers: { 'user-agent': 'curl/8.4.0' }, url: '/go', socket: { remoteAddress: '203.0.113.9' } };
    const verdict = createClickScreener().score(clickFromRequest(raw, { partnerId: 'p1' }));
    expect(verdict.action).toBe('block');
  });
});

describe('clickFromRequest without a socket address (from a review)', () => {
  it('refuses to count trusted hops from X-Forwarded-For alone: the count would land on an entry the client wrote', () => {
    const req = new Request('https://track.example/go', { headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' } });
    expect(() => clickFromRequest(req, { partnerId: 'p', trustProxy: 1 })).toThrow(InputError);
    expect(() => clickFromRequest(req, { partnerId: 'p', trustProxy: ['198.51.100.0/24'] })).toThrow(InputError);
    expect(clickFromRequest(req, { partnerId: 'p', trustProxy: 1, remoteAddress: '10.0.0.1' }).ip).toBe('198.51.100.7');
  });
});
