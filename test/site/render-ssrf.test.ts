/**
 * The SSRF guard holds inside the browser: a page makes Chromium request loopback, the
 * metadata address, an IPv4-mapped loopback, a name whose DNS answer turns private, a
 * redirect to loopback, a WebSocket and a fetch to loopback. Each is refused and recorded,
 * and a listener on 127.0.0.1 sees no connection. The page itself is served by the test
 * server through the caller's dispatcher — the test's explicit opt-in for its own origin.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LookupFunction } from '../../src/site/fetch-types.js';
import { createRenderer, type Renderer } from '../../src/site/render/renderer.js';
import { describeRender } from '../helpers/chromium.js';
import { html, redirect, startSiteServer, type SiteServer } from '../helpers/http-server.js';

describeRender('render mode: the SSRF guard inside Chromium', () => {
  let server: SiteServer;
  let listener: Server;
  let port = 0;
  let connections = 0;
  let renderer: Renderer;
  let rebindCalls = 0;
  // rebind.test answers public once, then loopback; every other name does not resolve (the dispatcher routes it).
  const lookup: LookupFunction = async (hostname) => {
    if (hostname === 'rebind.test') {
      rebindCalls += 1;
      return [{ address: rebindCalls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    }
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  };

  beforeAll(async () => {
    listener = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', () => resolve()));
    port = (listener.address() as { port: number }).port;
    const attack = `<!doctype html><title>x</title>
      <img src="http://127.0.0.1:${port}/loopback">
      <iframe src="http://169.254.169.254/latest/meta-data/"></iframe>
      <img src="http://[::ffff:127.0.0.1]:${port}/mapped">
      <img src="http://rebind.test/first"><img src="http://rebind.test/second">
      <iframe src="/to-private"></iframe>
      <script>
        try { new WebSocket('ws://127.0.0.1:${port}/ws'); } catch (e) {}
        fetch('http://127.0.0.1:${port}/fetch').catch(() => 0);
      </script>`;
    server = await startSiteServer({
      'attack.test': { '/': html(attack), '/to-private': redirect(`http://127.0.0.1:${port}/redirected`) },
      'rebind.test': html('ok'),
      'clean.test': html('<!doctype html><title>clean</title><p>hello</p>'),
      'hang.test': html('<!doctype html><title>hang</title><script>while (true) {}</script>'),
    });
    renderer = createRenderer();
  });

  afterAll(async () => {
    await renderer?.close();
    await server?.close();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  });

  it('refuses and records every private target; the loopback listener sees nothing', async () => {
    const render = await renderer.render('http://attack.test/', { fetch: { dispatcher: server.dispatcher, lookup }, settleMs: 500, timeoutMs: 10_000 });
    const refused = (path: string) => render.requests.find((r) => r.url.includes(path));
    for (const path of [`127.0.0.1:${port}/loopback`, '169.254.169.254/latest', `:${port}/mapped`, 'rebind.test/second', `127.0.0.1:${port}/redirected`, `127.0.0.1:${port}/fetch`]) {
      const r = refused(path);
      expect(r, `${path} was requested and recorded`).toBeDefined();
      expect(r?.status, path).toBeNull();
      expect(r?.refused?.code, path).toBe('refused');
    }
    expect(refused('rebind.test/first')?.status).toBe(200);
    expect(refused(`127.0.0.1:${port}/redirected`)?.redirectedFrom).toEqual(['http://attack.test/to-private']);
    expect(refused('169.254.169.254')?.refused?.message).toMatch(/169\.254\.169\.254/u);
    // The WebSocket never reaches interception: the refuse-all proxy turns it away.
    expect(render.backstopRefusals.some((line) => line.includes(`127.0.0.1:${port}`))).toBe(true);
    expect(connections).toBe(0);
  });

  it('kills a hung page within its budget, and the next site still renders', async () => {
    const hung = await renderer.render('http://hang.test/', { fetch: { dispatcher: server.dispatcher }, timeoutMs: 3_000, settleMs: 200 });
    expect(hung.outcome).toBe('timeout');
    expect(hung.limitsHit).toContain('time');
    const next = await renderer.render('http://clean.test/', { fetch: { dispatcher: server.dispatcher }, timeoutMs: 8_000, settleMs: 200 });
    expect(next.outcome).toBe('ok');
    expect(next.requests[0]).toMatchObject({ url: 'http://clean.test/', status: 200, frameDepth: 0 });
  });

  it('gives every page a fresh context: cookies do not carry over', async () => {
    server.route('jar.test', (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(req.url === '/' ? '<script>document.cookie = "seen=1; path=/"; new Image().src = "/echo?c=" + encodeURIComponent(document.cookie);</script>' : '');
    });
    await renderer.render('http://jar.test/', { fetch: { dispatcher: server.dispatcher }, settleMs: 300 });
    const again = await renderer.render('http://jar.test/', { fetch: { dispatcher: server.dispatcher }, settleMs: 300 });
    const echoes = again.requests.filter((r) => r.url.includes('/echo'));
    expect(echoes.map((r) => r.url)).toEqual(['http://jar.test/echo?c=seen%3D1']);
    expect(again.scriptCookies).toEqual([{ name: 'seen', frameUrl: 'http://jar.test/', affiliate: null }]);
  });
});
