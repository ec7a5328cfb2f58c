// Pages per second for 200 local sites at concurrency 16: fetchSite (its own guarded agent, and
// through a caller's routing dispatcher) and the whole screenSite (fetch, analysis, rules)
// against a bare undici `request` baseline, same run,
// same server, same pages. Printed as figures and as ratios to the baseline (the ratio is what
// to compare across machines). fetchSite's own agent opens a fresh connection per fetch (a hostile
// site's sockets are never pooled), so it is compared with a per-site-connection baseline too.
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { screenSite } from '../src/builtin.js';
import { fetchSite } from '../src/site/fetch.js';
import { html, startSiteServer } from '../test/helpers/http-server.js';

const SITES = 200;
const CONCURRENCY = 16;
const ROUNDS = 7;

const page = `<!doctype html><html><head><meta charset="utf-8"><title>Site</title></head><body>${'<p>Review of a product, with an <a href="https://example.com/?tag=x">affiliate link</a>.</p>'.repeat(200)}</body></html>`;
const server = await startSiteServer({ '*': html(page) });
const hosts = Array.from({ length: SITES }, (_, i) => `site-${i}.test`);

async function pool(run: (host: string) => Promise<number>): Promise<number> {
  let next = 0;
  let bytes = 0;
  const worker = async (): Promise<void> => {
    while (next < hosts.length) {
      const host = hosts[next++]!;
      const read = await run(host);
      bytes += read;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return bytes;
}

const baselineAgent = new Agent();
const variants: Record<string, (host: string) => Promise<number>> = {
  'undici request (baseline)': async (host) => {
    const res = await request(server.url('/'), { dispatcher: baselineAgent, headers: { host } });
    return (await res.body.text()).length;
  },
  // Real sites are distinct origins, so a real crawl opens one connection per site: this is the
  // fair baseline for fetchSite's own agent (the shared-pool one above reuses connections across "sites").
  'undici request, new connection per site': async (host) => {
    const res = await request(server.url('/'), { dispatcher: baselineAgent, headers: { host }, reset: true });
    return (await res.body.text()).length;
  },
  'fetchSite, own guarded agent': async (host) => {
    const site = await fetchSite(`http://${host}:${server.port}/`, { lookup: server.lookup, allowPrivateNetwork: 'loopback', allowedPorts: [server.port] });
    if (site.failure !== null) throw new Error(site.failure.message);
    return site.html?.length ?? 0;
  },
  'fetchSite, caller dispatcher': async (host) => {
    const site = await fetchSite(`https://${host}/`, { dispatcher: server.dispatcher });
    if (site.failure !== null) throw new Error(site.failure.message);
    return site.html?.length ?? 0;
  },
  'screenSite (fetch + analysis + rules), own guarded agent': async (host) => {
    const report = await screenSite(`http://${host}:${server.port}/`, { lookup: server.lookup, allowPrivateNetwork: 'loopback', allowedPorts: [server.port] });
    if (report.fetch?.failure) throw new Error(report.fetch.failure.message);
    return report.fetch?.bodyBytes ?? 0;
  },
};

// Variants are interleaved round by round so load drift on a shared machine hits them alike.
const samples: Record<string, number[]> = {};
for (const [name, run] of Object.entries(variants)) {
  await pool(run); // warm-up
  samples[name] = [];
}
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, run] of Object.entries(variants)) {
    const start = performance.now();
    const bytes = await pool(run);
    if (bytes !== SITES * page.length) throw new Error(`${name}: read ${bytes} bytes, expected ${SITES * page.length}`);
    samples[name]!.push((SITES * 1000) / (performance.now() - start));
  }
}
const rates: Record<string, number> = {};
for (const [name, list] of Object.entries(samples)) {
  list.sort((a, b) => a - b);
  rates[name] = list[Math.floor(list.length / 2)]!;
}

const baseline = rates['undici request (baseline)']!;
const fresh = rates['undici request, new connection per site']!;
process.stdout.write(`${SITES} sites × ${(page.length / 1024).toFixed(0)} KB, concurrency ${CONCURRENCY}, median of ${ROUNDS} rounds\n\n`);
process.stdout.write('| variant | pages/s | ratio to pooled baseline | ratio to per-site-connection baseline |\n| --- | ---: | ---: | ---: |\n');
for (const [name, rate] of Object.entries(rates)) {
  process.stdout.write(`| ${name} | ${rate.toFixed(0)} | ${(rate / baseline).toFixed(2)} | ${(rate / fresh).toFixed(2)} |\n`);
}

await baselineAgent.close();
await server.close();
