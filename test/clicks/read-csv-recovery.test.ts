import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { expectReconciled } from '../helpers/read-assertions.js';
import { MAX_RECORD_LINES } from '../../src/clicks/read/csv.js';
import { readClicks } from '../../src/clicks/read.js';
import type { Click, ReadResult, RecordReader } from '../../src/clicks/types.js';
import { InputError } from '../../src/engine/errors.js';

// A stray (never closed) quote in a CSV click file must cost its own row only: the rows
// after it are read with their own line numbers, and the stats still reconcile.

const HEADER = 'clickId,timestamp,partnerId,ip,userAgent,referrer';
/** Data row `n` (1-based) sits on physical line n + 1 and has clickId `c<n>`. */
const row = (n: number): string => `c${n},1714564800,p1,192.0.2.1,Mozilla/5.0,https://a.example/`;
/** Row `n` with its referrer quoted but never closed, as in the audit. */
const strayRow = (n: number): string => `c${n},1714564800,p1,192.0.2.1,Mozilla/5.0,"https://x.example/ref`;

/** Header plus `count` rows, with `bad` rows (by number) replaced. */
function csv(count: number, bad: Readonly<Record<number, string>> = {}): string {
  const lines = [HEADER];
  for (let n = 1; n <= count; n++) lines.push(bad[n] ?? row(n));
  return `${lines.join('\n')}\n`;
}

function source(text: string, chunk = 4096): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) chunks.push(bytes.subarray(at, at + chunk));
  return Readable.from(chunks);
}

async function collect<T>(reader: RecordReader<T>): Promise<ReadResult<T>[]> {
  const out: ReadResult<T>[] = [];
  for await (const r of reader) out.push(r);
  return out;
}

const lineOf = <T>(r: ReadResult<T>): number => (r.ok ? r.line : r.reject.line);

function rejects<T>(results: readonly ReadResult<T>[]): [number, string][] {
  return results.flatMap((r) => (r.ok ? [] : [[r.reject.line, r.reject.reason] as [number, string]]));
}

/** Every accepted row is the row written on its line: clickId `c<line - 1>`. */
function expectRowsOnTheirLines(results: readonly ReadResult<Click>[]): void {
  for (const r of results) if (r.ok) expect(r.record.clickId).toBe(`c${r.line - 1}`);
}

async function read(text: string, options: { maxLineBytes?: number; chunk?: number } = {}): Promise<{ reader: RecordReader<Click>; results: ReadResult<Click>[] }> {
  const reader = readClicks(source(text, options.chunk), { format: 'csv', maxLineBytes: options.maxLineBytes });
  const results = await collect(reader);
  expectReconciled(reader, results);
  return { reader, results };
}

describe('readClicks: CSV recovery from a stray quote', () => {
  it('audit repro: row 6 opens a quote it never closes, the other 1999 of 2000 rows are read (from a file)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pg-csv-quote-'));
    try {
      const file = join(dir, 'clicks.csv');
      await writeFile(file, csv(2000, { 6: strayRow(6) }));
      const reader = readClicks(file);
      const results = await collect(reader);
      expectReconciled(reader, results);
      expect(reader.stats).toMatchObject({ rows: 2000, accepted: 1999, rejected: 1, byReason: { 'invalid_csv:unterminated_quote': 1 } });
      expect(rejects(results)).toEqual([[7, 'invalid_csv:unterminated_quote']]);
      const bad = results.find((r) => !r.ok);
      expect(bad?.ok === false && bad.reject.raw).toBe(strayRow(6));
      expect(results.map((r) => (r.ok ? r.line : -r.reject.line))).toEqual(Array.from({ length: 2000 }, (_, i) => (i === 5 ? -7 : i + 2)));
      expectRowsOnTheirLines(results);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives the same results whatever the chunk boundaries', async () => {
    const text = csv(200, { 6: strayRow(6), 150: strayRow(150) });
    const { results: whole } = await read(text, { chunk: text.length });
    expect(rejects(whole)).toEqual([
      [7, 'invalid_csv:unterminated_quote'],
      [151, 'invalid_csv:unterminated_quote'],
    ]);
    for (const chunk of [1, 7, 64, 333]) expect((await read(text, { chunk })).results).toEqual(whole);
  });

  it('recovers from an unclosed quote near the end of the file, and on the very last row', async () => {
    for (const bad of [1998, 2000]) {
      const { reader, results } = await read(csv(2000, { [bad]: strayRow(bad) }));
      expect(reader.stats).toMatchObject({ rows: 2000, accepted: 1999, rejected: 1 });
      expect(rejects(results)).toEqual([[bad + 1, 'invalid_csv:unterminated_quote']]);
      expectRowsOnTheirLines(results);
    }
    // No newline after the last, unclosed row.
    const { results } = await read(csv(10, { 10: strayRow(10) }).trimEnd());
    expect(rejects(results)).toEqual([[11, 'invalid_csv:unterminated_quote']]);
    expect(results).toHaveLength(10);
  });

  it('reads a legitimate quoted field spanning 3 lines as one record numbered by its first line', async () => {
    const multi = 'c6,1714564800,p1,192.0.2.1,"line one\nline, two\nline ""three""",https://a.example/';
    const text = csv(20, { 6: multi });
    const { reader, results } = await read(text);
    expect(reader.stats).toMatchObject({ rows: 20, accepted: 20, rejected: 0 });
    const sixth = results[5];
    expect(sixth?.ok === true && [sixth.line, sixth.record.userAgent]).toEqual([7, 'line one\nline, two\nline "three"']);
    // The rows after it are numbered by their physical lines (two more than their row number).
    expect(results.slice(6).map(lineOf)).toEqual(Array.from({ length: 14 }, (_, i) => i + 10));
    for (const r of results.slice(6)) expect(r.ok === true && r.record.clickId).toBe(`c${lineOf(r) - 3}`);
  });

  it(`reads a quoted field of ${MAX_RECORD_LINES} lines, but not one of ${MAX_RECORD_LINES + 1}`, async () => {
    const field = (lines: number): string => Array.from({ length: lines }, (_, i) => `part ${i}`).join('\n');
    const fits = await read(`${HEADER}\nm1,1714564800,p1,192.0.2.1,"${field(MAX_RECORD_LINES)}",https://a.example/\n${row(1)}\n`);
    expect(fits.reader.stats).toMatchObject({ rows: 2, accepted: 2, rejected: 0 });
    expect(fits.results.map(lineOf)).toEqual([2, 2 + MAX_RECORD_LINES]);

    // Too long to be a field: the first line is the bad row, the rest are re-read as rows
    // (here each `part n` line is a one-column row, the last one a stray closing quote).
    const over = await read(`${HEADER}\nm1,1714564800,p1,192.0.2.1,"${field(MAX_RECORD_LINES + 1)}",https://a.example/\n`);
    expect(over.reader.stats.rows).toBe(MAX_RECORD_LINES + 1);
    expect(over.results[0]).toMatchObject({ ok: false, reject: { line: 2, reason: 'invalid_csv:unterminated_quote' } });
    expect(over.results.map(lineOf)).toEqual(Array.from({ length: MAX_RECORD_LINES + 1 }, (_, i) => i + 2));
  });

  it('rejects two bad quotes in a row each on its own line', async () => {
    const { reader, results } = await read(csv(100, { 6: strayRow(6), 7: strayRow(7) }));
    expect(rejects(results)).toEqual([
      [7, 'invalid_csv:unterminated_quote'],
      [8, 'invalid_csv:unterminated_quote'],
    ]);
    expect(reader.stats).toMatchObject({ rows: 100, accepted: 98, rejected: 2 });
    expectRowsOnTheirLines(results);
  });

  it('does not let a later stray quote close the first into a record with the wrong column count', async () => {
    // Joined, lines 7-8 split into 7 fields (the header has 6): not a record, two bad rows.
    const closer = 'c7,1714564800,p1,192.0.2.1,ua",https://a.example/,extra';
    const { reader, results } = await read(csv(20, { 6: strayRow(6), 7: closer }));
    expect(rejects(results)).toEqual([
      [7, 'invalid_csv:unterminated_quote'],
      [8, 'invalid_csv:bad_quote'],
    ]);
    expect(reader.stats).toMatchObject({ rows: 20, accepted: 18, rejected: 2 });
    expectRowsOnTheirLines(results);
  });

  it('bounds a stray quote by bytes as well as lines, and keeps an over-long line its own reject', async () => {
    // 200 bytes hold only two or three rows: the open record goes past it long before 32 lines.
    const small = await read(csv(50, { 6: strayRow(6) }), { maxLineBytes: 200 });
    expect(rejects(small.results)).toEqual([[7, 'invalid_csv:unterminated_quote']]);
    expect(small.reader.stats).toMatchObject({ rows: 50, accepted: 49 });
    expectRowsOnTheirLines(small.results);

    const long = `c8,1714564800,p1,192.0.2.1,${'x'.repeat(300)},https://a.example/`;
    const { reader, results } = await read(csv(20, { 6: strayRow(6), 8: long }), { maxLineBytes: 200 });
    expect(rejects(results)).toEqual([
      [7, 'invalid_csv:unterminated_quote'],
      [9, 'line_too_long'],
    ]);
    expect(reader.stats).toMatchObject({ rows: 20, accepted: 18, rejected: 2 });
    expectRowsOnTheirLines(results);
  });

  it('counts blank lines inside a stray quote\'s span as blank lines, not rows', async () => {
    const text = csv(10, { 6: strayRow(6) }).replace(`${row(8)}\n`, `${row(8)}\n\n\n`);
    const { reader, results } = await read(text);
    expect(reader.stats).toMatchObject({ rows: 10, accepted: 9, rejected: 1, blankLines: 2 });
    expect(rejects(results)).toEqual([[7, 'invalid_csv:unterminated_quote']]);
  });

  it('names the unclosed quote when the header has one', async () => {
    await expect(read(`clickId,"timestamp,partnerId,ip,userAgent\n${row(1)}\n${row(2)}\n`)).rejects.toThrow(InputError);
    await expect(read(`clickId,"timestamp,partnerId,ip,userAgent\n${row(1)}\n`)).rejects.toThrow(/unterminated_quote/);
  });
});
