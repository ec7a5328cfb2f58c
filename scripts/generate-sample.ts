/**
 * Writes a generated affiliate program (clicks, conversions, partners, labels) to a folder.
 *
 *   npx tsx scripts/generate-sample.ts [--out datasets/samples] [--seed 1] [--partners 300]
 *     [--days 7] [--clicks-per-day 5000] [--gzip] [--no-bad-rows]
 *
 * The committed sample is `npx tsx scripts/generate-sample.ts --out datasets/samples --gzip`.
 */
import { parseArgs } from 'node:util';
import { writeProgram } from './sample/index.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'datasets/samples' },
    seed: { type: 'string', default: '1' },
    partners: { type: 'string', default: '300' },
    days: { type: 'string', default: '7' },
    'clicks-per-day': { type: 'string', default: '5000' },
    gzip: { type: 'boolean', default: false },
    'no-bad-rows': { type: 'boolean', default: false },
  },
});

function int(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${text}`);
    process.exit(2);
  }
  return n;
}

const started = performance.now();
const summary = await writeProgram(values.out, {
  seed: int('seed', values.seed),
  partners: int('partners', values.partners),
  days: int('days', values.days),
  clicksPerDay: int('clicks-per-day', values['clicks-per-day']),
  gzip: values.gzip,
  ...(values['no-bad-rows'] ? { badClickRows: 0, badConversionRows: 0 } : {}),
});
const seconds = (performance.now() - started) / 1000;
console.log(`wrote ${summary.clicks} clicks, ${summary.conversions} conversions, ${summary.partners} partners to ${values.out} in ${seconds.toFixed(1)} s`);
console.log(JSON.stringify({ labels: summary.labels, clicksByLabel: summary.clicksByLabel, conversionsByLabel: summary.conversionsByLabel }));
