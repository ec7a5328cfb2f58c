/**
 * The stuffing corpus (test/fixtures/stuffing/corpus.ts), screened over real HTTP on
 * 127.0.0.1 twice: statically and in render mode. Each page must get its expected action in
 * each mode; in render mode every stuffing page goes to review or worse, every page whose click
 * URL the browser requested is rejected by the browser's evidence, and no trap is flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, type Renderer } from '../../src/site/render/renderer.js';
import { screenSite } from '../../src/builtin.js';
import type { ScreenSiteOptions, SiteReport } from '../../src/site/screen-site.js';
import { CORPUS, MERCHANT, NETWORK_ROUTES } from '../fixtures/stuffing/corpus.js';
import { chromiumPath, describeRender } from '../helpers/chromium.js';
import { expectScoreIsSumOfHits } from '../helpers/report-assertions.js';
import { html, startSiteServer, type SiteRoute, type SiteServer } from '../helpers/http-server.js';

let server: SiteServer;
let renderer: Renderer | undefined;
const summary: string[] = [];
// The dispatcher routes every name to the test server; real DNS (slow to fail offline) is never asked.
const noDns = async (hostname: string): Promise<never> => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};
const via = (): ScreenSiteOptions => ({ dispatcher: server.dispatcher, lookup: noDns, merchantDomains: [MERCHANT] });
const explain = (r: SiteReport) => JSON.stringify(r.hits.map((h) => `${h.rule} ${h.points}: ${h.message}`), null, 1);

beforeAll(async () => {
  const routes: Record<string, SiteRoute> = { ...NETWORK_ROUTES };
  for (const p of CORPUS) {
    const paths: Record<string, SiteRoute> = { '/': html(p.html, p.headers === undefined ? {} : { headers: p.headers }), '*': html('<p>page</p>') };
    for (const [path, handler] of Object.entries(p.paths ?? {})) paths[path] = handler;
    routes[`${p.slug}.test`] = paths as SiteRoute;
  }
  server = await startSiteServer(routes);
  if (chromiumPath !== null) renderer = createRenderer();
});

afterAll(async () => {
  await renderer?.close();
  await server.close();
  if (summary.length > 0) console.log(`stuffing corpus (slug  static/render):\n${summary.sort().join('\n')}`);
});

const URL_RULES = new Set(['site/hidden-affiliate-iframe', 'site/hidden-affiliate-image', 'site/script-loaded-affiliate', 'site/affiliate-meta-refresh', 'site/cookie-without-click', 'site/redirect-chain-network', 'site/affiliate-js-redirect', 'site/affiliate-popup']);

describe('stuffing corpus, static', () => {
  it('covers every family with stuffing pages and traps', () => {
    expect(CORPUS.filter((p) => p.stuffing).length).toBeGreaterThanOrEqual(15);
    expect(CORPUS.filter((p) => !p.stuffing).length).toBeGreaterThanOrEqual(8);
    expect(new Set(CORPUS.map((p) => p.slug)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((p) => [p.slug, p] as const))('%s', async (_slug, p) => {
    const report = await screenSite(`https://${p.slug}.test/`, via());
    expectScoreIsSumOfHits(report);
    summary.push(`${p.slug}  static=${report.action}`);
    expect(report.action, explain(report)).toBe(p.static);
    if (!p.stuffing) expect(report.score, explain(report)).toBeLessThan(30);
  });
});

describeRender('stuffing corpus, rendered in Chromium', () => {
  it.each(CORPUS.map((p) => [p.slug, p] as const))('%s', async (_slug, p) => {
    const report = await screenSite(`https://${p.slug}.test/`, { ...via(), render: { renderer: renderer!, settleMs: 700 } });
    expectScoreIsSumOfHits(report);
    summary.push(`${p.slug}  render=${report.action}`);
    expect(report.features.render?.outcome, explain(report)).toBe('ok');
    expect(report.action, explain(report)).toBe(p.render);
    const browser = report.hits.filter((h) => h.rule === 'site/click-without-gesture');
    if (!p.stuffing) expect(browser, explain(report)).toEqual([]);
    // Static and rendered evidence of one URL are one hit: the browser's.
    const proven = new Set(browser.map((h) => String(h.evidence.url)));
    const chains = new Set(browser.flatMap((h) => (h.evidence.chain as string[]).map((c) => c.slice(c.indexOf(' ') + 1))));
    for (const h of report.hits) if (URL_RULES.has(h.rule)) expect(chains.has(String(h.evidence.url)) || proven.has(String(h.evidence.url)), `${h.rule} repeats ${String(h.evidence.url)}`).toBe(false);
  });

  it('traces a click URL in nested frames back to the page', async () => {
    const report = await screenSite('https://nested-hidden-frames.test/', { ...via(), render: { renderer: renderer!, settleMs: 300 } });
    const hit = report.hits.find((h) => h.rule === 'site/click-without-gesture');
    expect(hit?.evidence).toMatchObject({
      network: 'rakuten',
      frameDepth: 2,
      initiatorChain: ['https://nested-hidden-frames.test/f/inner.html', 'https://nested-hidden-frames.test/f/outer.html', 'https://nested-hidden-frames.test/'],
      cookies: ['aff_click@.linksynergy.com', `affiliate_ref@.${MERCHANT}`],
    });
  });
});
