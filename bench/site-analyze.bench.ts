// Analysis time per page (p50/p95) for a ~200 KB page: analyzeSite with and without the
// DOMPurify snapshot, and analyzeHtml (analysis + rule evaluation), against a baseline of a bare
// `cheerio.load` of the same page with the same parser options, interleaved in the same run.
// Printed as figures and as ratios to the baseline (the ratio is what compares across machines).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { load } from 'cheerio';
import { analyzeHtml } from '../src/builtin.js';
import { analyzeSite } from '../src/site/analyze.js';

const ITERATIONS = 60;
const WARMUP = 5;

// A realistic heavy page: the clean review fixture's article repeated, with images, links,
// analytics scripts, an affiliate pixel and an inline script, up to about 200 KB.
const base = readFileSync(new URL('../test/fixtures/sites/approve--review-article-visible-links.html', import.meta.url), 'utf8');
const article = base.slice(base.indexOf('<main>'), base.indexOf('</main>'));
const block = `<section class="card">${article}<img src="https://cdn.example.test/img/a.jpg" loading="lazy" width="300" height="200"><script>window.dataLayer=window.dataLayer||[];dataLayer.push({event:'view',id:${Math.random().toFixed(3)}});</script></section>\n`;
let body = '';
while (body.length < 200 * 1024) body += block;
const page = `<!doctype html><html><head><title>Big review</title><style>.hidden{display:none}</style></head><body>${body}<div class="hidden"><img src="https://www.anrdoezrs.net/click-1-2"></div></body></html>`;
const url = 'https://bench.test/';

const variants: Array<[string, () => unknown]> = [
  ['cheerio.load (baseline)', () => load(page, { scriptingEnabled: false })],
  ['analyzeSite, no snapshot', () => analyzeSite({ html: page, url }, { snapshot: false })],
  ['analyzeSite', () => analyzeSite({ html: page, url })],
  ['analyzeHtml (analysis + rules)', () => analyzeHtml(page, { url })],
];

const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
for (let i = 0; i < WARMUP + ITERATIONS; i += 1) {
  for (const [name, run] of variants) {
    const start = performance.now();
    run();
    const ms = performance.now() - start;
    if (i >= WARMUP) times.get(name)!.push(ms);
  }
}

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const baseline = times.get(variants[0]![0])!;
const b50 = pct(baseline, 50);
const b95 = pct(baseline, 95);
process.stdout.write(`page ${(page.length / 1024).toFixed(0)} KB, ${ITERATIONS} iterations after ${WARMUP} warm-up, variants interleaved\n\n`);
process.stdout.write('| variant | p50 ms | p95 ms | p50 ratio to baseline | p95 ratio to baseline |\n| --- | ---: | ---: | ---: | ---: |\n');
for (const [name] of variants) {
  const xs = times.get(name)!;
  const p50 = pct(xs, 50);
  const p95 = pct(xs, 95);
  process.stdout.write(`| ${name} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${(p50 / b50).toFixed(2)} | ${(p95 / b95).toFixed(2)} |\n`);
}
