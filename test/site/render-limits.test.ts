/**
 * Render mode's bounds: requests, frame depth and response bytes per page are capped and
 * recorded, and a trickling page ends within the site deadline with the render named as cut short.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRenderer, type Renderer } from '../../src/site/render/renderer.js';
import { screenSite } from '../../src/builtin.js';
import { describeRender } from '../helpers/chromium.js';
import { html, startSiteServer, type SiteServer } from '../helpers/http-server.js';

describeRender('render mode bounds', () => {
  let server: SiteServer;
  let renderer: Renderer;
  const timers = new Set<NodeJS.Timeout>();
  const noDns = async (hostname: string): Promise<never> => {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  };

  beforeAll(async () => {
    server = await startSiteServer({
      'many.test': { '/': html(`<title>many</title>${Array.from({ length: 30 }, (_, i) => `<img src="/i${i}.png">`).join('')}`), '*': html('') },
      // Each frame document nests one more frame: depth grows without end.
      'deep.test': (req, res) => {
        const depth = Number(new URL(req.url ?? '/', 'http://deep.test').searchParams.get('d') ?? '0');
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<p>${depth}</p><iframe src="/?d=${depth + 1}"></iframe>`);
      },
      // Five scripts read at the same time (each body arrives in two halves 300 ms apart), 120 kB each, against a 200 kB page budget.
      'big.test': {
        '/': html(`<title>big</title>${['a', 'b', 'c', 'd', 'e'].map((n) => `<script async src="/${n}.js"></script>`).join('')}`),
        '*': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/javascript' });
          res.write(`/*${'x'.repeat(60_000)}`);
          const timer = setTimeout(() => res.end(`${'x'.repeat(60_000)}*/`), 300);
          timers.add(timer);
        },
      },
      'trickle.test': (_req, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<!doctype html><title>slow</title><p>');
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('a ')), 100);
        timers.add(timer);
      },
    });
    renderer = createRenderer();
  });

  afterAll(async () => {
    for (const t of timers) clearInterval(t);
    await renderer?.close();
    await server?.close();
  });

  const fetch = () => ({ dispatcher: server.dispatcher, lookup: noDns });

  it('answers at most maxRequests requests and records the rest as refused', async () => {
    const render = await renderer.render('http://many.test/', { fetch: fetch(), maxRequests: 10, settleMs: 200 });
    expect(render.limitsHit).toContain('requests');
    expect(render.requests.filter((r) => r.status !== null)).toHaveLength(10);
    expect(render.requests.filter((r) => r.refused?.code === 'requests').length).toBeGreaterThan(0);
  });

  it('stops frames at maxFrameDepth', async () => {
    const render = await renderer.render('http://deep.test/', { fetch: fetch(), maxFrameDepth: 2, settleMs: 300 });
    expect(render.limitsHit).toContain('frame-depth');
    const answered = render.requests.filter((r) => r.status === 200 && r.type === 'document').map((r) => r.url);
    expect(answered).toEqual(['http://deep.test/', 'http://deep.test/?d=1', 'http://deep.test/?d=2']);
    expect(render.requests.find((r) => r.url === 'http://deep.test/?d=3')?.refused?.code).toBe('frame-depth');
  });

  it('caps response bytes per page', async () => {
    const render = await renderer.render('http://big.test/', { fetch: fetch(), maxBytes: 200_000, settleMs: 200 });
    expect(render.limitsHit).toContain('bytes');
    expect(render.bytes).toBeLessThanOrEqual(200_000);
    expect(render.requests.some((r) => r.refused?.code === 'bytes')).toBe(true);
  });

  it('ends a trickling page within the site deadline and names the render', async () => {
    const started = Date.now();
    const report = await screenSite('http://trickle.test/', { dispatcher: server.dispatcher, lookup: noDns, deadlineMs: 3_000, render: { renderer } });
    // Bounded by the deadline plus closing the page's context, not by the 15 s page budget.
    expect(Date.now() - started).toBeLessThan(3_000 + 5_000);
    expect(report.features.render?.outcome).toBe('timeout');
    expect(report.features.deadline?.ranOut).toEqual(expect.arrayContaining(['fetch', 'render']));
    expect(report.action).toBe('review');
  });
});
