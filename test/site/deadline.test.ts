/**
 * One deadline per `screenSite` (issue: a trickling page plus slow probes took 83 s): a page
 * that trickles its body, and probes to endpoints that never answer, end within the deadline
 * with a hit naming what ran out. Servers on 127.0.0.1; every handler stops when the server closes.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITE_DEADLINE_MS } from '../../src/site/deadline.js';
import { screenSite } from '../../src/builtin.js';
import { expectScoreIsSumOfHits } from '../helpers/report-assertions.js';
import { html, startSiteServer, type SiteServer } from '../helpers/http-server.js';

const open = new Set<NodeJS.Timeout>();
function trickle(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.write('<!doctype html><title>slow</title><p>');
  const timer = setInterval(() => {
    if (res.destroyed) clearInterval(timer);
    else res.write('a ');
  }, 100);
  open.add(timer);
}

let server: SiteServer;
const pixels = ['www.anrdoezrs.net/click-1-1', 'www.dpbolvw.net/click-2-2', 'www.jdoqocy.com/click-3-3', 'www.kqzyfj.com/click-4-4', 'www.tkqlhce.com/click-5-5'];

beforeAll(async () => {
  const routes: Parameters<typeof startSiteServer>[0] = {
    'trickle.test': (_req, res) => trickle(res),
    'probes.test': html(`<!doctype html><title>deals</title><p>${'Tents and stoves reviewed. '.repeat(40)}</p>${pixels.map((p) => `<img src="https://${p}" width="1" height="1">`).join('')}`),
  };
  // The probed click URLs never send their headers.
  for (const p of pixels) routes[p.split('/')[0]!] = () => undefined;
  server = await startSiteServer(routes);
  // Warm up parsers and the sanitiser once, so the bounds below time the network stages only.
  await screenSite('https://probes.test/', { dispatcher: server.dispatcher });
});

afterAll(async () => {
  for (const timer of open) clearInterval(timer);
  await server.close();
});

describe('screenSite deadline', () => {
  it('defaults to 30 s', () => {
    expect(DEFAULT_SITE_DEADLINE_MS).toBe(30_000);
  });

  it('ends a trickling page at the deadline and says the fetch ran out', async () => {
    const started = Date.now();
    const report = await screenSite('https://trickle.test/', { dispatcher: server.dispatcher, deadlineMs: 1_500 });
    // A bound, not a benchmark: without the deadline the 15 s fetch budget decides.
    expect(Date.now() - started).toBeLessThan(1_500 + 1_500);
    const hit = report.hits.find((h) => h.rule === 'site/deadline-exceeded');
    expect(hit?.evidence).toMatchObject({ deadlineMs: 1_500, ranOut: ['fetch'] });
    expect(report.fetch?.failure?.message).toMatch(/site deadline of 1500 ms/u);
    expect(report.fetch?.deadlineRanOut).toEqual(['fetch']);
    expect(report.action).toBe('review');
    expectScoreIsSumOfHits(report);
  });

  it('probes in parallel within the deadline and names the probes as cut short', async () => {
    const started = Date.now();
    const report = await screenSite('https://probes.test/', { dispatcher: server.dispatcher, probe: true, deadlineMs: 2_000 });
    expect(Date.now() - started).toBeLessThan(2_000 + 1_500);
    expect(report.fetch?.probed).toHaveLength(5);
    expect(report.features.probes.every((p) => p.failure?.includes('site deadline of 2000 ms') === true)).toBe(true);
    expect(report.hits.find((h) => h.rule === 'site/deadline-exceeded')?.evidence).toMatchObject({ ranOut: ['probes'] });
    // What the page showed before the deadline still counts.
    expect(report.hits.some((h) => h.rule === 'site/hidden-affiliate-image')).toBe(true);
    expect(report.action).toBe('reject');
  });

  it('leaves no deadline hit when every stage finishes', async () => {
    const report = await screenSite('https://probes.test/', { dispatcher: server.dispatcher });
    expect(report.features.deadline).toEqual({ ms: 30_000, ranOut: [] });
    expect(report.hits.some((h) => h.rule === 'site/deadline-exceeded')).toBe(false);
  });

  it('rejects a deadline that is not a positive integer', async () => {
    await expect(screenSite('https://probes.test/', { dispatcher: server.dispatcher, deadlineMs: 0 })).rejects.toThrow(/deadlineMs must be a positive integer/u);
  });
});
