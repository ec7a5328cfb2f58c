// Rendered pages per second at concurrency 4 against static screenSite on the same pages,
// and peak memory: this process (RSS high-water mark) and Chromium's processes (sampled).
// Pages: the stuffing corpus (test/fixtures/stuffing) served on 127.0.0.1, `--pages` of them
// (default: the whole corpus, cycling), `--rounds` times each (default 1). Skips when Chromium is missing.
// Run: npm run bench -- site-render  (or node --import tsx --expose-gc bench/site-render.bench.ts)
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { findChromium } from '../src/site/render/locate.js';
import { createRenderer } from '../src/site/render/renderer.js';
import { screenSite } from '../src/builtin.js';
import type { ScreenSiteOptions } from '../src/site/screen-site.js';
import { CORPUS, MERCHANT, NETWORK_ROUTES } from '../test/fixtures/stuffing/corpus.js';
import { html, startSiteServer, type SiteRoute } from '../test/helpers/http-server.js';

const { values } = parseArgs({ options: { pages: { type: 'string', default: String(CORPUS.length) }, rounds: { type: 'string', default: '1' }, concurrency: { type: 'string', default: '4' } } });
const pages = Number(values.pages);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;

/** Proportional set size (kB) of every process descended from this one — the browser and its renderers — so shared pages count once. */
function childrenPssKb(): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      const pss = /^Pss:\s+(\d+)/mu.exec(readFileSync(`/proc/${entry}/smaps_rollup`, 'utf8'));
      rss.set(Number(entry), pss === null ? Number(fields[21]) * 4 : Number(pss[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [pid, kb] of rss) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === process.pid) {
        total += kb;
        break;
      }
    }
  }
  return total;
}

async function run(label: string, urls: string[], options: () => ScreenSiteOptions): Promise<void> {
  let peakChildren = 0;
  const sampler = setInterval(() => (peakChildren = Math.max(peakChildren, childrenPssKb())), 250);
  const started = performance.now();
  let next = 0;
  const actions = new Map<string, number>();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const report = await screenSite(url, options());
        actions.set(report.action, (actions.get(report.action) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const own = process.resourceUsage().maxRSS;
  process.stdout.write(`${label.padEnd(11)} ${urls.length} pages in ${seconds.toFixed(1)} s = ${(urls.length / seconds).toFixed(2)} pages/s at concurrency ${concurrency}; peak RSS node ${mb(own)}, chromium (PSS) ${mb(peakChildren)}; ${[...actions].map(([a, n]) => `${a} ${n}`).join(', ')}\n`);
}

const routes: Record<string, SiteRoute> = { ...NETWORK_ROUTES };
for (const p of CORPUS) {
  const paths: Record<string, SiteRoute> = { '/': html(p.html, p.headers === undefined ? {} : { headers: p.headers }), '*': html('<p>page</p>') };
  Object.assign(paths, p.paths ?? {});
  routes[`${p.slug}.test`] = paths as SiteRoute;
}
const server = await startSiteServer(routes);
// The dispatcher routes every name to the test server; real DNS (slow to fail offline) is never asked.
const noDns = async (hostname: string): Promise<never> => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};
const urls = Array.from({ length: pages }, (_, i) => `https://${CORPUS[i % CORPUS.length]!.slug}.test/`);
const base = (): ScreenSiteOptions => ({ dispatcher: server.dispatcher, lookup: noDns, merchantDomains: [MERCHANT] });
try {
  for (let r = 0; r < rounds; r++) await run('static', urls, base);
  if (findChromium() === null) {
    process.stdout.write('render   skipped: no Chromium (install chromium or set PARTNERGUARD_CHROMIUM)\n');
  } else {
    const renderer = createRenderer();
    try {
      // settleMs default (1.5 s, twice): what a default run costs; then 0.5 s, where the waits matter less.
      for (let r = 0; r < rounds; r++) await run('render', urls, () => ({ ...base(), render: { renderer } }));
      for (let r = 0; r < rounds; r++) await run('render/0.5s', urls, () => ({ ...base(), render: { renderer, settleMs: 500 } }));
    } finally {
      await renderer.close();
    }
  }
} finally {
  await server.close();
}
