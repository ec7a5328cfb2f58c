// Hostile pages at ten times the sizes that once crashed or exhausted the analyser: a
// 200,000-part string concatenation and 50,000 unclosed `<template>`s, with the other deep
// shapes beside them. Each runs in its own child process so its peak RSS is its own; the
// time and RSS of a bare `cheerio.load` of the same page, in the same child, is the baseline.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CASES: Record<string, () => string> = {
  'concat 200k parts': () => `<script>x=${Array(200_000).fill("'a'").join('+')}</script>`,
  'template x50k unclosed': () => `<body>${'<template>'.repeat(50_000)}`,
  'template/ x50k': () => `<body>${'<template/>'.repeat(50_000)}`,
  'div/ x50k': () => `<body>${'<div/>'.repeat(50_000)}`,
  'rt x50k': () => `<body>${'<rt>'.repeat(50_000)}`,
  'li x50k': () => `<body>${'<li>'.repeat(50_000)}`,
  'iframe x50k': () => `<body>${'<iframe>'.repeat(50_000)}`,
  'attribute 5 MB': () => `<body><img src="${'a'.repeat(5_000_000)}">`,
  'hex escapes x500k': () => `<script>x="${'\\x41'.repeat(500_000)}"</script>`,
};

const child = process.argv[2];
if (child !== undefined) {
  const { load } = await import('cheerio');
  const { analyzeHtml } = await import('../src/builtin.js');
  analyzeHtml('<p>warm</p>', { url: 'https://bench.test/' });
  const html = CASES[child]!();
  let start = performance.now();
  let baseMs: number | string;
  try {
    load(html, { scriptingEnabled: false });
    baseMs = performance.now() - start;
  } catch (error) {
    baseMs = `throws ${(error as Error).name}`;
  }
  start = performance.now();
  const report = analyzeHtml(html, { url: 'https://bench.test/' });
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ ms, baseMs, rssMb: process.resourceUsage().maxRSS / 1024, score: report.score }));
} else {
  const self = fileURLToPath(import.meta.url);
  process.stdout.write('| page | analyzeHtml ms | bare cheerio.load ms | ratio | peak RSS MB | score |\n| --- | --- | --- | --- | --- | --- |\n');
  for (const name of Object.keys(CASES)) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, name], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) {
      process.stdout.write(`| ${name} | failed (status ${r.status}, ${r.signal ?? ''}) ${r.stderr.split('\n')[0]} | | | | |\n`);
      continue;
    }
    const m = JSON.parse(r.stdout) as { ms: number; baseMs: number | string; rssMb: number; score: number };
    const base = typeof m.baseMs === 'number' ? [m.baseMs.toFixed(0), (m.ms / m.baseMs).toFixed(2)] : [m.baseMs, '–'];
    process.stdout.write(`| ${name} | ${m.ms.toFixed(0)} | ${base[0]} | ${base[1]} | ${m.rssMb.toFixed(0)} | ${m.score} |\n`);
  }
}
