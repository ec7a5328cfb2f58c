import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanClicks } from '../../src/builtin.js';
import type { ScanReport } from '../../src/clicks/scan/report.js';
import { writeSample, type SampleFiles } from './sample-files.js';

// The scan reads NDJSON click lines through a learned-shape parser where it can (see
// `read/click-line.ts`) and through JSON.parse elsewhere; a stream of the same clicks as objects
// never meets that parser. Both must give the same report, whatever the lines look like.

let sample: SampleFiles;
let mixed: string;
let objects: Record<string, unknown>[];

/** Rewrites line `i` of a file in one of several shapes, all meaning the same object. */
function reshape(line: string, i: number): string {
  const o = JSON.parse(line) as Record<string, unknown>;
  switch (i % 9) {
    case 1: // keys in another order
      return JSON.stringify(Object.fromEntries(Object.entries(o).reverse()));
    case 2: {
      // escaped slashes and a \u escape, as some encoders write them
      const ip = o.ip as string;
      const escaped = `\\u${ip.charCodeAt(0).toString(16).padStart(4, '0')}${ip.slice(1)}`;
      return line.replaceAll('/', '\\/').replace(`"ip":"${ip}"`, `"ip":"${escaped}"`);
    }
    case 3: // an extra key the scan does not read
      return JSON.stringify({ ...o, region: 'eu-west', weight: 1.5, flags: { a: true } });
    case 4: // whitespace between tokens
      return JSON.stringify(o, null, 1).replaceAll('\n', ' ');
    case 5: // a nested value
      return JSON.stringify({ ...o, meta: { nested: { deep: 1 } } });
    default:
      return line;
  }
}

beforeAll(() => {
  sample = writeSample({ seed: 11, partners: 40, days: 2, clicksPerDay: 2000, badClickRows: 0, badConversionRows: 0 });
  const lines = readFileSync(sample.clicks, 'utf8').split('\n').filter((l) => l !== '');
  const reshaped = lines.map(reshape);
  mixed = join(sample.dir, 'mixed.ndjson');
  writeFileSync(mixed, `${reshaped.join('\n')}\n`);
  objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
});

afterAll(() => rmSync(sample.dir, { recursive: true, force: true }));

const withoutTimings = (r: ScanReport): string => JSON.stringify({ ...r, timings: undefined });

describe('scan of NDJSON lines in mixed shapes', () => {
  it('gives the report of the same clicks handed over as objects', async () => {
    expect(readFileSync(mixed, 'utf8')).toContain('\\/');
    expect(readFileSync(mixed, 'utf8')).toMatch(/"ip":"\\u00/);
    const options = { conversions: sample.conversions, partners: sample.partners };
    const fromObjects = await scanClicks(objects, options);
    const fromLines = await scanClicks(mixed, options);
    const fromPlain = await scanClicks(sample.clicks, options);
    expect(fromLines.totals.rejected).toBe(0);
    expect(fromLines.totals.accepted).toBe(objects.length);
    expect(fromLines.partners.some((p) => p.action !== 'allow')).toBe(true);
    expect(withoutTimings(fromLines)).toBe(withoutTimings(fromObjects));
    expect(withoutTimings(fromPlain)).toBe(withoutTimings(fromObjects));
  });
});
