import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectReconciled } from '../helpers/read-assertions.js';
import { InputError } from '../../src/engine/errors.js';
import { readClicks, readConversions } from '../../src/clicks/read.js';
import { createRejectsWriter } from '../../src/clicks/rejects.js';
import type { Click, ReadResult, RecordReader } from '../../src/clicks/types.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/clicks/${name}`, import.meta.url));

async function collect<T>(reader: RecordReader<T>): Promise<ReadResult<T>[]> {
  const out: ReadResult<T>[] = [];
  for await (const r of reader) out.push(r);
  return out;
}

function summary<T>(results: readonly ReadResult<T>[]): (string | number)[][] {
  return results.map((r) => (r.ok ? [r.line, 'ok'] : [r.reject.line, r.reject.reason]));
}

describe('readClicks: NDJSON', () => {
  it('reads canonical clicks with ISO, epoch-second and epoch-ms timestamps, numeric ids and lower-cased headers', async () => {
    const reader = readClicks(fixture('good.ndjson'));
    const results = await collect(reader);
    expectReconciled(reader, results);
    expect(reader.stats).toMatchObject({ rows: 3, accepted: 3, rejected: 0, blankLines: 1 });
    const records = results.flatMap((r) => (r.ok ? [r.record] : []));
    expect(records[0]).toEqual({
      clickId: 'c1',
      timestamp: Date.UTC(2024, 4, 1, 12),
      partnerId: 'p1',
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
      referrer: 'https://blog.example/post',
      headers: { 'sec-fetch-dest': 'document', 'sec-fetch-user': '?1' },
    } satisfies Click);
    expect(records[1]).toMatchObject({ clickId: 'c2', timestamp: 1714564800000, subId: 's9', userAgent: '' });
    expect(records[2]).toMatchObject({ clickId: '3', timestamp: 1714564800123, deviceId: 'd-77' });
    expect(results.map((r) => (r.ok ? r.line : 0))).toEqual([1, 2, 4]);
  });

  it('rejects each bad row with its physical line and a stable reason, reads a last line without newline, skips blank lines', async () => {
    const reader = readClicks(fixture('bad.ndjson'));
    const results = await collect(reader);
    expect(summary(results)).toEqual([
      [1, 'ok'],
      [2, 'missing_field:ip'],
      [3, 'invalid_timestamp:timestamp'],
      [4, 'invalid_json'],
      [6, 'not_an_object'],
      [7, 'missing_field:partnerId'],
      [8, 'invalid_field:headers'],
      [10, 'invalid_timestamp:timestamp'],
      [11, 'ok'],
    ]);
    expectReconciled(reader, results);
    expect(reader.stats).toMatchObject({ rows: 9, accepted: 2, rejected: 7, blankLines: 2 });
    const bad = results.find((r) => !r.ok && r.reject.reason === 'invalid_json');
    expect(bad?.ok === false && bad.reject.raw).toBe('{"clickId":"b4",');
  });

  it('reads gzip by magic bytes, from a file and from a stream without a name', async () => {
    const plain = await collect(readClicks(fixture('good.ndjson')));
    expect(await collect(readClicks(fixture('good.ndjson.gz')))).toEqual(plain);
    const gz = readFileSync(fixture('good.ndjson.gz'));
    expect(await collect(readClicks(Readable.from([gz])))).toEqual(plain);
    // Magic bytes arriving one byte at a time are still recognised.
    expect(await collect(readClicks(Readable.from([...gz].map((b) => Buffer.of(b)))))).toEqual(plain);
  });

  it('gives the same results whatever the chunk boundaries (CRLF and UTF-8 split across chunks)', async () => {
    const bytes = Buffer.from(
      readFileSync(fixture('bad.ndjson'), 'utf8').replaceAll('\n', '\r\n').replace('"ok"', '"ok – ünïcødé 🚀"'),
    );
    const whole = await collect(readClicks(Readable.from([bytes])));
    let seed = 7;
    for (let round = 0; round < 20; round++) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const size = 1 + (seed % 9);
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      expect(await collect(readClicks(Readable.from(chunks)))).toEqual(whole);
    }
    const first = whole[0];
    expect(first?.ok === true && first.record.userAgent).toBe('ok – ünïcødé 🚀');
  });

  it('rejects a 10 MB single line as line_too_long without buffering it, then reads on', async () => {
    const total = 10 * 1024 * 1024;
    const piece = Buffer.alloc(64 * 1024, 0x61);
    async function* source(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"clickId":"a","timestamp":1714564800,"partnerId":"p","ip":"192.0.2.1","userAgent":"');
      for (let sent = 0; sent < total; sent += piece.length) yield piece;
      yield Buffer.from('"}\n{"clickId":"b","timestamp":1714564800,"partnerId":"p","ip":"192.0.2.1","userAgent":"x"}\n');
    }
    const before = process.memoryUsage().heapUsed;
    const reader = readClicks(source(), { maxLineBytes: 64 * 1024, format: 'ndjson' });
    const results = await collect(reader);
    expect(summary(results)).toEqual([
      [1, 'line_too_long'],
      [2, 'ok'],
    ]);
    const reject = results[0];
    expect(reject?.ok === false && reject.reject.raw !== undefined && reject.reject.raw.length).toBeLessThanOrEqual(201);
    // Bounded: nothing near the 10 MB line was kept.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(8 * 1024 * 1024);
    expectReconciled(reader, results);
  });

  it('counts the rows of an empty file as zero', async () => {
    const reader = readClicks(Readable.from([Buffer.alloc(0)]));
    expect(await collect(reader)).toEqual([]);
    expect(reader.stats).toMatchObject({ rows: 0, accepted: 0, rejected: 0 });
  });
});

describe('readClicks: CSV', () => {
  const mapping = {
    clickId: 'click_id',
    timestamp: 'ts',
    partnerId: 'aff',
    ip: 'remote_addr',
    userAgent: 'ua',
    'headers.sec-fetch-user': 'Sec-Fetch-User',
  };

  it('maps host columns, handles BOM, CRLF, quoted commas and newlines, flat header columns, and rejects bad records', async () => {
    const reader = readClicks(fixture('host.csv'), { mapping });
    const results = await collect(reader);
    expect(summary(results)).toEqual([
      [2, 'ok'],
      [3, 'ok'],
      [5, 'ok'],
      [7, 'invalid_csv:bad_quote'],
      [8, 'invalid_csv:column_count'],
      [9, 'invalid_timestamp:timestamp'],
      [10, 'ok'],
    ]);
    expectReconciled(reader, results);
    expect(reader.stats.blankLines).toBe(1);
    const records = results.flatMap((r) => (r.ok ? [r.record] : []));
    expect(records[0]).toMatchObject({ clickId: 'k1', timestamp: Date.UTC(2024, 4, 1, 12), headers: { 'sec-fetch-dest': 'document', 'sec-fetch-user': '?1' } });
    expect(records[1]).toMatchObject({ userAgent: 'He said "hi"', headers: { 'sec-fetch-dest': 'iframe' } });
    expect(records[1]?.headers).not.toHaveProperty('sec-fetch-user');
    expect(records[2]?.userAgent).toBe('multi\nline ua');
    expect(records[3]?.userAgent).toBe('');
  });

  it('keeps a stray quote in an unquoted field to its own row, and strips a BOM split across chunks', async () => {
    const text = '\uFEFFclickId,timestamp,partnerId,ip,userAgent\nq1,1714564800,p,192.0.2.1,say "hi\nq2,1714564800,p,192.0.2.1,ok\n';
    const bytes = Buffer.from(text);
    const reader = readClicks(Readable.from([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)]), { format: 'csv' });
    const results = await collect(reader);
    expect(summary(results)).toEqual([
      [2, 'invalid_csv:bad_quote'],
      [3, 'ok'],
    ]);
    expectReconciled(reader, results);
  });

  it('fails at call time on a mapping to an unknown field', () => {
    expect(() => readClicks(fixture('host.csv'), { mapping: { ipAddress: 'remote_addr' } })).toThrow(InputError);
  });

  it('throws InputError for a missing file when iterated', async () => {
    await expect(collect(readClicks(fixture('nope.ndjson')))).rejects.toThrow(InputError);
  });

  it('reads conversions with amounts, statuses and click times', async () => {
    const reader = readConversions(fixture('conversions.csv'), {
      mapping: { conversionId: 'conversion_id', clickId: 'click_id', partnerId: 'partner', timestamp: 'ts', clickTime: 'click_ts', amount: 'payout', status: 'state', couponCode: 'coupon' },
    });
    const results = await collect(reader);
    expect(summary(results)).toEqual([
      [2, 'ok'],
      [3, 'ok'],
      [4, 'invalid_field:amount'],
      [5, 'invalid_field:status'],
      [6, 'missing_field:clickId'],
    ]);
    expectReconciled(reader, results);
    const first = results[0];
    expect(first?.ok === true && first.record).toEqual({
      conversionId: 'v1',
      clickId: 'c1',
      partnerId: 'p1',
      timestamp: Date.UTC(2024, 4, 1, 12, 0, 5),
      clickTime: Date.UTC(2024, 4, 1, 12),
      amount: 12.5,
      status: 'approved',
    });
    const second = results[1];
    expect(second?.ok === true && second.record).toMatchObject({ amount: 0, status: 'refunded', couponCode: 'SAVE10' });
  });
});

describe('readClicks: iterables and object streams', () => {
  const row = { clickId: 'i1', timestamp: new Date(Date.UTC(2024, 0, 1)), partnerId: 'p', ip: '192.0.2.1', userAgent: 'x' };

  it('reads sync iterables, async generators and object-mode streams, numbering items from 1', async () => {
    const items: unknown[] = [row, 42, null, { ...row, clickId: 'i2', ip: undefined }, { ...row, clickId: 'i3' }];
    const withoutNull = items.filter((x) => x !== null);
    const sources: [Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>> | Readable, string[]][] = [
      [items as Iterable<Record<string, unknown>>, ['not_an_object', 'not_an_object', 'missing_field:ip']],
      [
        (async function* gen() {
          yield* items;
        })() as AsyncIterable<Record<string, unknown>>,
        ['not_an_object', 'not_an_object', 'missing_field:ip'],
      ],
      // Object streams cannot carry null.
      [Readable.from(withoutNull), ['not_an_object', 'missing_field:ip']],
    ];
    for (const [source, reasons] of sources) {
      const reader = readClicks(source);
      const results = await collect(reader);
      expectReconciled(reader, results);
      expect(results[0]).toMatchObject({ ok: true, line: 1, record: { timestamp: Date.UTC(2024, 0, 1) } });
      expect(results.flatMap((r) => (r.ok ? [] : [r.reject.reason]))).toEqual(reasons);
      expect(results.at(-1)).toMatchObject({ ok: true, line: reasons.length + 2 });
    }
  });

  it('applies defaults and idFromLine for sources that lack a field', async () => {
    const reader = readClicks([{ t: 1714564800, p: 'x', ip: '192.0.2.1' }], {
      mapping: { timestamp: 't', partnerId: 'p' },
      defaults: { userAgent: '' },
      idFromLine: true,
    });
    expect(await collect(reader)).toEqual([{ ok: true, line: 1, record: { clickId: '1', timestamp: 1714564800000, partnerId: 'x', ip: '192.0.2.1', userAgent: '' } }]);
  });

  it('can be iterated only once', async () => {
    const reader = readClicks([row]);
    await collect(reader);
    expect(() => reader[Symbol.asyncIterator]()).toThrow(InputError);
  });
});

describe('createRejectsWriter', () => {
  it('writes NDJSON with line numbers and counts by reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pg-rejects-'));
    try {
      const path = join(dir, 'rejects.ndjson');
      const writer = createRejectsWriter(path);
      for await (const r of readClicks(fixture('bad.ndjson'))) if (!r.ok) await writer.write(r.reject, 'bad.ndjson');
      await writer.close();
      expect(writer.total).toBe(7);
      expect(writer.byReason).toMatchObject({ 'missing_field:ip': 1, 'invalid_timestamp:timestamp': 2 });
      const lines = (await readFile(path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { line: number; source: string });
      expect(lines.map((l) => l.line)).toEqual([2, 3, 4, 6, 7, 8, 10]);
      expect(lines[0]?.source).toBe('bad.ndjson');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readClicks: real data (TalkingData sample)', () => {
  const file = fileURLToPath(new URL('../../../shared/data/clicks/talkingdata/train_sample.csv', import.meta.url));
  const present = existsSync(file);
  if (!present) console.warn(`skipping the TalkingData check: ${file} is absent (see shared/data/clicks/SOURCES.md)`);

  it.skipIf(!present)('reads all 100,000 rows through a mapping and reconciles', async () => {
    const reader = readClicks(file, {
      // TalkingData has no click id and no user agent; `channel` is the publisher (partner).
      mapping: { ip: 'ip', partnerId: 'channel', timestamp: 'click_time', deviceId: 'device' },
      defaults: { userAgent: '' },
      idFromLine: true,
    });
    let first: Click | undefined;
    let min = Number.POSITIVE_INFINITY;
    let max = 0;
    for await (const r of reader) {
      if (!r.ok) continue;
      first ??= r.record;
      min = Math.min(min, r.record.timestamp);
      max = Math.max(max, r.record.timestamp);
    }
    expect(reader.stats).toMatchObject({ rows: 100_000, accepted: 100_000, rejected: 0 });
    expect(first).toMatchObject({ clickId: '2', ip: '87540', partnerId: '497', timestamp: Date.UTC(2017, 10, 7, 9, 30, 38) });
    // The sample spans 2017-11-06..09 (SOURCES.md).
    expect(min).toBeGreaterThanOrEqual(Date.UTC(2017, 10, 6));
    expect(max).toBeLessThan(Date.UTC(2017, 10, 10));
  });
});
