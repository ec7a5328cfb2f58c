/**
 * The fixture corpus, screened end to end over real HTTP on 127.0.0.1: every file in
 * test/fixtures/sites is named `<expected action>--<slug>.html` and served at
 * `https://<slug>.test/` (a few slugs get the redirect chains, cookies or user-agent
 * switching their technique needs). Stuffing must reach review (proven stuffing reject),
 * clean pages and false-positive traps must approve.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenSite } from '../../src/builtin.js';
import type { ScreenSiteOptions } from '../../src/site/screen-site.js';
import { stableStringify } from '../../src/engine/json.js';
import { expectScoreIsSumOfHits } from '../helpers/report-assertions.js';
import { html, redirect, startSiteServer, type SiteRoute, type SiteServer } from '../helpers/http-server.js';
import { createRenderer, type Renderer } from '../../src/site/render/renderer.js';
import { chromiumPath, describeRender } from '../helpers/chromium.js';

const dir = new URL('../fixtures/sites/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .map((file) => {
    const [expected, slug] = file.slice(0, -5).split('--') as [string, string];
    return { file, expected, slug, body: readFileSync(new URL(file, dir), 'utf8') };
  });
const bodyOf = (slug: string) => fixtures.find((f) => f.slug === slug)!.body;

// Slugs whose technique needs more than a 200 page.
const HOSTS: Record<string, string> = { 'brand-typosquat': 'outdoorgeer.test' };
const OPTIONS: Record<string, Partial<ScreenSiteOptions>> = {
  'probe-cookie': { probe: true },
  cloaking: { cloaking: true },
};

let server: SiteServer;
let renderer: Renderer | undefined;
const via = (): ScreenSiteOptions => ({ dispatcher: server.dispatcher, merchantDomains: ['merchant-shop.test'], brandTerms: ['outdoorgear'] });
const urlOf = (slug: string) => `https://${HOSTS[slug] ?? `${slug}.test`}/`;

beforeAll(async () => {
  const routes: Record<string, SiteRoute> = {};
  for (const f of fixtures) routes[HOSTS[f.slug] ?? `${f.slug}.test`] = html(f.body);
  // Server-side stuffing: the applicant URL redirects through a CJ click URL to the merchant.
  routes['redirect-chain.test'] = redirect('https://www.anrdoezrs.net/click-9999-8888');
  routes['www.anrdoezrs.net'] = { '/click-9999-8888': redirect('https://merchant-shop.test/landing?cjevent=abc', { cookies: ['LCLK=9999; Domain=.anrdoezrs.net; Path=/; Max-Age=2592000'] }) };
  routes['merchant-shop.test'] = { '/landing': html(bodyOf('redirect-chain'), { headers: { 'set-cookie': 'cjevent=abc; Domain=.merchant-shop.test; Path=/; Max-Age=2592000' } }), '*': html('<p>shop</p>') };
  // The pixel's click URL, when probed, sets the network cookie and lands on the merchant.
  routes['www.dpbolvw.net'] = { '/click-4444-5555': redirect('https://merchant-shop.test/?cjevent=stuffed', { cookies: ['LCLK=4444; Domain=.dpbolvw.net; Path=/'] }) };
  // Cloaking: search crawlers get a different article.
  routes['cloaking.test'] = (req: IncomingMessage, res: ServerResponse) => {
    const bot = /Googlebot/u.test(req.headers['user-agent'] ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(bot ? `<html><body><h1>Quantum computing lecture notes</h1><p>${'Qubits superposition entanglement decoherence algorithms lattice cryptography compilers theorem. '.repeat(12)}</p></body></html>` : bodyOf('cloaking'));
  };
  routes['fetch-failed.test'] = html(bodyOf('fetch-failed'), { status: 404 });
  routes['to-metadata.test'] = redirect('http://169.254.169.254/latest/meta-data/');
  server = await startSiteServer(routes);
  if (chromiumPath !== null) renderer = createRenderer();
});

afterAll(async () => {
  await renderer?.close();
  await server.close();
});

describe('fixture corpus', () => {
  it('has at least 40 pages covering every action', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    for (const action of ['approve', 'review', 'reject']) expect(fixtures.some((f) => f.expected === action)).toBe(true);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s', async (_file, f) => {
    const report = await screenSite(urlOf(f.slug), { ...via(), ...OPTIONS[f.slug] });
    expectScoreIsSumOfHits(report);
    const explain = JSON.stringify(report.hits.map((h) => `${h.rule} ${h.points}: ${h.message}`), null, 1);
    expect(report.action, explain).toBe(f.expected);
  });
});

// Rendered, pages whose script the browser ran are proven rather than suspected.
const RENDERED: Record<string, string> = {
  // The script's iframe is visible, so statically only suspected; the browser saw it request the click URL.
  'js-create-iframe': 'reject',
};
const SEVERITY = ['approve', 'review', 'reject'];

describeRender('fixture corpus, rendered in Chromium', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('%s', async (_file, f) => {
    const report = await screenSite(urlOf(f.slug), { ...via(), ...OPTIONS[f.slug], render: { renderer: renderer!, settleMs: 500 } });
    expectScoreIsSumOfHits(report);
    const explain = JSON.stringify(report.hits.map((h) => `${h.rule} ${h.points}: ${h.message}`), null, 1);
    const expected = RENDERED[f.slug] ?? f.expected;
    expect(report.action, explain).toBe(expected);
    expect(SEVERITY.indexOf(report.action)).toBeGreaterThanOrEqual(SEVERITY.indexOf(f.expected));
  });
});

describe('screenSite over real HTTP', () => {
  it('records the server-side redirect chain and its cookies', async () => {
    const report = await screenSite(urlOf('redirect-chain'), via());
    const hit = report.hits.find((h) => h.rule === 'site/redirect-chain-network');
    expect(hit?.evidence).toMatchObject({ hop: 2, network: 'cj', cookies: expect.arrayContaining(['LCLK@.anrdoezrs.net']) });
    expect(report.finalUrl).toBe('https://merchant-shop.test/landing?cjevent=abc');
    expect(report.fetch?.redirects).toBe(2);
  });

  it('proves a cookie dropped without a click by probing', async () => {
    const report = await screenSite(urlOf('probe-cookie'), { ...via(), probe: true });
    expect(report.fetch?.probed).toEqual(['https://www.dpbolvw.net/click-4444-5555']);
    const hit = report.hits.find((h) => h.rule === 'site/cookie-without-click');
    expect(hit?.evidence).toMatchObject({ reachedMerchant: 'merchant-shop.test' });
    expect(report.action).toBe('reject');
    expectScoreIsSumOfHits(report);
  });

  it('turns an SSRF refusal into a forced review with the refused address', async () => {
    const report = await screenSite('https://to-metadata.test/', via());
    expect(report.action).toBe('review');
    expect(report.decidedBy).toEqual({ by: 'rule', rule: 'site/fetch-refused' });
    expect(report.hits[0]?.evidence).toMatchObject({ reason: 'private-address' });
    expectScoreIsSumOfHits(report);
  });

  it('is deterministic: the same site gives byte-identical JSON', async () => {
    const a = await screenSite(urlOf('review-article-visible-links'), via());
    const b = await screenSite(urlOf('review-article-visible-links'), via());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(stableStringify(a)).toBe(stableStringify(b));
  });
});
