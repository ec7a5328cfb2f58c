import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { ScanReport } from '../../src/clicks/scan/report.js';
import { writeSample, type SampleFiles } from './sample-files.js';

let sample: SampleFiles;
beforeAll(() => {
  sample = writeSample({ seed: 3, partners: 60, days: 2, clicksPerDay: 1500 });
});
afterAll(() => rmSync(sample.dir, { recursive: true, force: true }));

function io(tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: { write: (c: string) => out.push(c) }, stderr: { write: (c: string) => err.push(c), isTTY: tty }, stdin: Readable.from([]) },
  };
}

describe('partnerguard clicks', () => {
  it('prints the partner table, writes the report, and shows progress on a terminal', async () => {
    const t = io(true);
    const reportPath = join(sample.dir, 'report.json');
    const code = await main(['clicks', sample.clicks, '--conversions', sample.conversions, '--partners', sample.partners, '--out', reportPath], t.io);
    expect(code).toBe(0);
    const text = t.out.join('');
    expect(text).toMatch(/^partner\s+score\s+action\s+status/mu);
    expect(text).toMatch(/partners allowed/u);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ScanReport;
    expect(report.totals.rows).toBe(report.totals.accepted + report.totals.rejected);
    expect(t.err.join('')).toMatch(/rows\/s/u);
  });

  it('prints JSON with --json and maps columns with --map', async () => {
    const t = io();
    const code = await main(['clicks', sample.clicks, '--json', '--map', 'ip=ip', '--workers', '1'], t.io);
    expect(code).toBe(0);
    expect((JSON.parse(t.out.join('')) as ScanReport).partners.length).toBeGreaterThan(0);
    expect(t.err.join('')).toBe('');
  });

  it('rejects bad options with exit code 2', async () => {
    const t = io();
    expect(await main(['clicks', sample.clicks, '--map', 'nonsense'], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/field=column/u);
    expect(await main(['clicks'], io().io)).toBe(2);
  });
});

describe('partnerguard clicks: paths it cannot use', () => {
  it('says in one line, before scanning, that --out cannot be written, and names a directory given as input', async () => {
    const t = io();
    expect(await main(['clicks', sample.clicks, '--out', join(sample.dir, 'missing', 'r.json')], t.io)).toBe(1);
    expect(t.err.join('')).toMatch(/^partnerguard clicks: Cannot write the report file .*missing.*ENOENT[^\n]*\n$/u);
    expect(t.out.join('')).toBe('');
    const d = io();
    expect(await main(['clicks', sample.dir], d.io)).toBe(1);
    expect(d.err.join('')).toMatch(/^partnerguard clicks: Cannot read .*EISDIR[^\n]*\n$/u);
  });

  it('maps conversion columns with --conversion-map, never with --map', async () => {
    const t = io();
    const code = await main(['clicks', sample.clicks, '--json', '--conversions', sample.conversions, '--map', 'subId=subId', '--conversion-map', 'conversionId=conversionId'], t.io);
    expect(t.err.join('')).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(t.out.join('')) as ScanReport;
    const plain = io();
    expect(await main(['clicks', sample.clicks, '--json', '--conversions', sample.conversions], plain.io)).toBe(0);
    const { timings: _a, ...mapped } = report;
    const { timings: _b, ...unmapped } = JSON.parse(plain.out.join('')) as ScanReport;
    expect(report.totals.conversions).toBeGreaterThan(0);
    expect(mapped).toEqual(unmapped);
  });

  it('hands --conversion-map to the conversion reader: a key the rows lack rejects every conversion', async () => {
    const t = io();
    expect(await main(['clicks', sample.clicks, '--json', '--conversions', sample.conversions, '--conversion-map', 'conversionId=order_no'], t.io)).toBe(0);
    const report = JSON.parse(t.out.join('')) as ScanReport;
    expect(report.totals.conversions).toBe(0);
    expect(report.rejects.conversions['missing_field:conversionId']).toBe(report.totals.conversionRows);
  });
});
