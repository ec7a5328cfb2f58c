import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanClicks } from '../../src/builtin.js';
import { InputError } from '../../src/engine/errors.js';
import { shardOf } from '../../src/clicks/hash.js';
import { asciiShard } from '../../src/clicks/workers/prefilter.js';
import { stableBytes, writeSample, type SampleFiles } from './sample-files.js';

let sample: SampleFiles;
beforeAll(() => {
  sample = writeSample({ seed: 5, partners: 120, days: 2, clicksPerDay: 5000 });
});
afterAll(() => rmSync(sample.dir, { recursive: true, force: true }));

describe('the prefilter', () => {
  it('shards an ASCII partner id from its bytes exactly as shardOf does from its text, and declines other bytes', () => {
    for (const id of ['p001', 'partner-42', 'A_b.c~9', 'x'.repeat(200), '']) {
      const bytes = Buffer.from(`{"partnerId":"${id}"}`);
      for (const shards of [2, 3, 7]) expect(asciiShard(bytes, 14, 14 + id.length, shards)).toBe(shardOf(id, shards));
    }
    const accented = Buffer.from('partenaire-é', 'utf8');
    expect(asciiShard(accented, 0, accented.length, 2)).toBe(-1);
  });
});

describe('worker threads', () => {
  it('merge to exactly the single-thread report, verdict file and rejects', async () => {
    const run = (workers: number) =>
      scanClicks(sample.clicks, {
        conversions: sample.conversions,
        partners: sample.partners,
        workers,
        verdicts: join(sample.dir, `verdicts-${workers}.ndjson`),
        rejects: join(sample.dir, `rejects-${workers}.ndjson`),
      });
    const single = await run(1);
    const [two, three] = await Promise.all([run(2), run(3)]);
    expect(single.totals.accepted).toBeGreaterThan(8000);
    expect(two.timings.workers).toBe(2);
    expect(stableBytes(two)).toBe(stableBytes(single));
    expect(stableBytes(three)).toBe(stableBytes(single));
    const file = (name: string) => readFileSync(join(sample.dir, name), 'utf8');
    expect(file('verdicts-2.ndjson')).toBe(file('verdicts-1.ndjson'));
    expect(file('verdicts-3.ndjson')).toBe(file('verdicts-1.ndjson'));
    expect(file('rejects-2.ndjson')).toBe(file('rejects-1.ndjson'));
  }, 120_000);

  it('reports progress summed over the workers, ending on the totals', async () => {
    for (const workers of [1, 2, 3]) {
      const seen: Array<{ rows: number; rejected: number }> = [];
      const report = await scanClicks(sample.clicks, { workers, onProgress: (p) => seen.push(p) });
      expect(seen.length).toBeGreaterThanOrEqual(workers);
      expect(seen.at(-1)).toEqual({ rows: report.totals.rows, rejected: report.totals.rejected });
      expect(report.totals.rejected).toBeGreaterThan(0);
    }
  }, 60_000);

  it('refuses workers for a non-file source', async () => {
    await expect(scanClicks([], { workers: 2 })).rejects.toThrow(/file path/u);
  });
});

describe('the NDJSON prefilter', () => {
  it('keeps workers exact on awkward lines: escapes, numbers, repeated keys, CRLF, gzip, an oversized line', async () => {
    const { writeFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    const t0 = Date.UTC(2026, 0, 5, 10);
    const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
    const lines: string[] = [];
    for (let i = 0; i < 600; i += 1) {
      const partner = [`p${i % 7}`, 'q\\"uoted', 'é-partner', 42][i % 4]!;
      const click = { clickId: `c${i}`, timestamp: t0 + i * 1500, partnerId: partner, ip: `81.2.${i % 5}.${i % 13}`, userAgent: i % 50 === 0 ? 'curl/8.0' : ua };
      let text = JSON.stringify(click);
      if (typeof partner === 'string' && partner.includes('\\')) text = text.replace(JSON.stringify(partner), '"q\\\\\\"uoted"');
      if (i % 97 === 0) text = text.replace('{', '{"headers":{"partnerId":"decoy"},');
      if (i % 89 === 0) text = `${text.slice(0, -1)},"partnerId":"p-last"}`;
      if (i % 61 === 0) text = `${text}\r`;
      lines.push(text);
      if (i % 150 === 0) lines.push('{"clickId":"bad","partnerId":"p3","timestamp":"yesterday"}', '{not json', '');
    }
    lines.push(`{"clickId":"huge","partnerId":"p1","timestamp":${t0},"ip":"81.2.0.1","userAgent":"${'x'.repeat(5 << 20)}"}`);
    lines.push(JSON.stringify({ clickId: 'tail', timestamp: t0 + 999_000, partnerId: 'p2', ip: '81.2.0.2', userAgent: ua }));
    const plain = join(sample.dir, 'awkward.ndjson');
    const packed = join(sample.dir, 'awkward.ndjson.gz');
    const unterminated = join(sample.dir, 'unterminated.ndjson');
    writeFileSync(plain, `${lines.join('\n')}\n`);
    writeFileSync(packed, gzipSync(`${lines.join('\n')}\n`));
    // The last line without its newline, and a shared (unreadable-partner) line last.
    writeFileSync(unterminated, `${lines.join('\n')}\n{"clickId":"end","partnerId":"p1","timestamp":"soon"`);
    for (const file of [plain, packed, unterminated]) {
      const run = (workers: number) => scanClicks(file, { workers, rejects: `${file}.rejects-${workers}`, verdicts: `${file}.verdicts-${workers}` });
      const single = await run(1);
      expect(single.totals.rejected).toBeGreaterThan(5);
      for (const workers of [2, 3]) {
        const split = await run(workers);
        expect(stableBytes(split)).toBe(stableBytes(single));
        expect(readFileSync(`${file}.rejects-${workers}`, 'utf8')).toBe(readFileSync(`${file}.rejects-1`, 'utf8'));
        expect(readFileSync(`${file}.verdicts-${workers}`, 'utf8')).toBe(readFileSync(`${file}.verdicts-1`, 'utf8'));
      }
    }
  }, 180_000);

  it('keeps every row when the partner JSON.parse reads differs from the bytes: an escaped duplicate key, an empty id a default fills', async () => {
    const { writeFileSync } = await import('node:fs');
    const t0 = Date.UTC(2026, 0, 5, 10);
    const lines: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const base = `{"clickId":"c${i}","timestamp":${t0 + i * 1000},"partnerId":"a${i}","ip":"203.0.113.${i}","userAgent":"Mozilla/5.0"`;
      // JSON.parse keeps the last of two keys; the second is spelled with an escape.
      lines.push(`${base},"partner\\u0049d":"b${i}"}`);
      lines.push(`{"clickId":"e${i}","timestamp":${t0 + i * 1000},"partnerId":"","ip":"203.0.113.${i}","userAgent":"Mozilla/5.0"}`);
    }
    const file = join(sample.dir, 'misleading.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const run = (workers: number) => scanClicks(file, { workers, read: { defaults: { partnerId: 'house' } }, verdicts: `${file}.verdicts-${workers}` });
    const single = await run(1);
    expect(single.totals).toMatchObject({ rows: 80, accepted: 80, rejected: 0 });
    for (const workers of [2, 3]) {
      const split = await run(workers);
      expect(stableBytes(split)).toBe(stableBytes(single));
      expect(readFileSync(`${file}.verdicts-${workers}`, 'utf8')).toBe(readFileSync(`${file}.verdicts-1`, 'utf8'));
    }
  }, 60_000);

  it('fails as a single-thread scan fails, without hanging, when the file cannot be read or decompressed', async () => {
    const { writeFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    const missing = join(sample.dir, 'missing.ndjson');
    const one = scanClicks(missing, { workers: 1 });
    await expect(one).rejects.toThrow(InputError);
    const message = await one.catch((error: Error) => error.message);
    await expect(scanClicks(missing, { workers: 2 })).rejects.toThrow(message);
    const whole = gzipSync(readFileSync(sample.clicks).subarray(0, 400_000));
    const broken = join(sample.dir, 'broken.ndjson.gz');
    writeFileSync(broken, whole.subarray(0, whole.length >> 1));
    await expect(scanClicks(broken, { workers: 1 })).rejects.toThrow(/decompress/u);
    await expect(scanClicks(broken, { workers: 2 })).rejects.toThrow(/decompress/u);
    // A worker that fails (here: its rejects file cannot be created) stops the scan and the file read.
    const nowhere = join(sample.dir, 'no-such-dir', 'rejects.ndjson');
    await expect(scanClicks(sample.clicks, { workers: 1, rejects: nowhere })).rejects.toThrow();
    await expect(scanClicks(sample.clicks, { workers: 2, rejects: nowhere })).rejects.toThrow();
  }, 60_000);
});
