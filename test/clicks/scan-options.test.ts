import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanClicks } from '../../src/builtin.js';
import { InputError } from '../../src/engine/errors.js';

const t0 = Date.UTC(2026, 4, 6, 10);
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
let dir = '';
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pg-scan-options-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A host's CSV click log (its own column names) and canonical NDJSON conversions from 4 shared IPs for 3 partners. */
function hostFiles(): { clicks: string; conversions: string; mapping: Record<string, string> } {
  const rows = ['click_id,ts,partner,remote_addr,ua'];
  const conversions: string[] = [];
  for (const [p, partner] of ['a', 'b', 'c'].entries()) {
    for (let i = 0; i < 40; i += 1) {
      const id = `${partner}-${i}`;
      rows.push(`${id},${(t0 + p * 1000 + i * 60_000) / 1000},${partner},81.${p + 1}.${i}.7,"${UA}"`);
      // Conversions name their own IP: the same four addresses convert for every partner.
      if (i < 4) conversions.push(JSON.stringify({ conversionId: `v-${id}`, clickId: id, partnerId: partner, timestamp: t0 + 3_600_000 + i, ip: `203.0.113.${i + 1}` }));
    }
  }
  return {
    clicks: file('host-clicks.csv', `${rows.join('\n')}\n`),
    conversions: file('conversions.ndjson', `${conversions.join('\n')}\n`),
    mapping: { clickId: 'click_id', timestamp: 'ts', partnerId: 'partner', ip: 'remote_addr', userAgent: 'ua' },
  };
}

describe('scanClicks: click options stay with the clicks', () => {
  it('reads conversions with their own field names and format when clicks are mapped CSV', async () => {
    const host = hostFiles();
    const report = await scanClicks(host.clicks, { format: 'csv', mapping: host.mapping, conversions: host.conversions });
    expect(report.totals).toMatchObject({ rows: 120, accepted: 120, conversions: 12, conversionsRejected: 0, conversionsJoined: 12 });
    // The conversions' own `ip` (not the click mapping's `remote_addr`) is what makes the four addresses shared.
    for (const p of report.partners) expect(p.hits.map((h) => h.rule)).toContain('partner/shared-converter');
  });

  it('applies conversionMapping and conversionFormat to conversions only', async () => {
    const host = hostFiles();
    // CSV under an NDJSON name: read right only if conversionFormat is applied (the name would say NDJSON).
    const csv = file('conversions-in-csv.ndjson', 'conv,click,who,at,addr\nv1,a-1,a,1778061600000,203.0.113.9\n');
    const report = await scanClicks(host.clicks, {
      format: 'csv',
      mapping: host.mapping,
      conversions: csv,
      conversionFormat: 'csv',
      conversionMapping: { conversionId: 'conv', clickId: 'click', partnerId: 'who', timestamp: 'at', ip: 'addr' },
    });
    expect(report.totals).toMatchObject({ accepted: 120, conversions: 1, conversionsJoined: 1 });
  });
});

describe('scanClicks: output and input paths', () => {
  const sampleClicks = join(import.meta.dirname, '../../datasets/samples/clicks.ndjson.gz');

  it.each([1, 2])('refuses a verdicts or rejects path it cannot write before reading a row (workers: %i)', async (workers) => {
    const missing = join(dir, 'no-such-dir', 'out.ndjson');
    await expect(scanClicks(sampleClicks, { verdicts: missing, workers })).rejects.toThrow(/Cannot write the verdicts file .*no-such-dir/u);
    await expect(scanClicks(sampleClicks, { rejects: missing, workers })).rejects.toMatchObject({ name: 'InputError', code: 'INPUT_INVALID' });
  });

  it.runIf(process.platform === 'linux')('fails with an InputError, not a crash, when writing verdicts fails midway (/dev/full)', async () => {
    await expect(scanClicks(sampleClicks, { verdicts: '/dev/full' })).rejects.toThrow(/Cannot write the verdicts file \/dev\/full: ENOSPC/u);
  });

  it.each([1, 2])('names a directory given as the click file (workers: %i)', async (workers) => {
    await expect(scanClicks(dir, { workers })).rejects.toThrow(/Cannot read .*EISDIR/u);
  });
});

describe('scanClicks: conversion and partner data that would corrupt a report', () => {
  const clicks = (): string =>
    file(
      'few.ndjson',
      `${Array.from({ length: 5 }, (_, i) => JSON.stringify({ clickId: `k${i}`, timestamp: t0 + i * 1000, partnerId: 'a', ip: `81.2.69.${i}`, userAgent: UA })).join('\n')}\n`,
    );

  it('rejects an amount beyond ±1e9 instead of summing it to Infinity', async () => {
    const conversions = file('huge.ndjson', `${JSON.stringify({ conversionId: 'v1', clickId: 'k1', partnerId: 'a', timestamp: t0 + 5000, amount: 1e307 })}\n${JSON.stringify({ conversionId: 'v2', clickId: 'k2', partnerId: 'a', timestamp: t0 + 5000, amount: 12.5 })}\n`);
    const report = await scanClicks(clicks(), { conversions });
    expect(report.rejects.conversions).toEqual({ 'invalid_field:amount': 1 });
    expect(report.partners[0]!.stats.revenue).toBe(12.5);
  });

  it('reports conversions whose click time is after them, in stats and notes', async () => {
    const conversions = file('early.ndjson', `${JSON.stringify({ conversionId: 'v1', clickId: 'k3', partnerId: 'a', timestamp: t0, clickTime: t0 + 60_000 })}\n`);
    const report = await scanClicks(clicks(), { conversions });
    expect(report.partners[0]!.stats.ctit).toMatchObject({ count: 0, negative: 1 });
    expect(report.notes.join('\n')).toMatch(/1 conversions have a click time after the conversion time/u);
  });

  it('names a partners entry that is not an object', async () => {
    await expect(scanClicks(clicks(), { partners: file('partners.json', '[null]') })).rejects.toThrow(/entry 1 is not an object/u);
  });
});

describe('scanClicks: the period', () => {
  const lines = (partnerId: string, from: number, n: number): string[] =>
    Array.from({ length: n }, (_, i) => JSON.stringify({ clickId: `${partnerId}-${i}`, timestamp: from + i * 60_000, partnerId, ip: `81.2.70.${i}`, userAgent: UA }));

  it.each([1, 2])('counts clicks outside a given period as outside_period rejects; a partner with none inside is dormant (workers: %i)', async (workers) => {
    const path = file('period.ndjson', `${[...lines('old', t0 - 86_400_000, 20), ...lines('now', t0, 30)].join('\n')}\n`);
    const rejects = join(dir, `period-rejects-${workers}.ndjson`);
    const report = await scanClicks(path, {
      workers,
      rejects,
      period: { from: new Date(t0), to: t0 + 3_600_000 },
      partners: [{ partnerId: 'old' }, { partnerId: 'now' }],
    });
    expect(report.totals).toMatchObject({ rows: 50, accepted: 30, rejected: 20 });
    expect(report.rejects.clicks).toEqual({ outside_period: 20 });
    expect(report.period).toEqual({ from: new Date(t0).toISOString(), to: new Date(t0 + 3_600_000).toISOString() });
    const status = Object.fromEntries(report.partners.map((p) => [p.partnerId, [p.status, p.stats.clicks]]));
    expect(status).toEqual({ old: ['dormant', 0], now: ['active', 30] });
    const { readFileSync } = await import('node:fs');
    const written = readFileSync(rejects, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string });
    expect(written.map((r) => r.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses an unreadable or reversed period before reading a row', async () => {
    await expect(scanClicks(join(dir, 'never-read.ndjson'), { period: { from: t0, to: t0 - 1 } })).rejects.toThrow(/options\.period/u);
    await expect(scanClicks(join(dir, 'never-read.ndjson'), { period: { from: 'yesterday', to: t0 } })).rejects.toThrow(/options\.period/u);
  });

  it('reports no period for a scan that saw no click and was given none', async () => {
    const report = await scanClicks(file('empty.ndjson', ''), { partners: [{ partnerId: 'p' }] });
    expect(report.period).toBeNull();
    expect(report.partners.map((p) => p.status)).toEqual(['dormant']);
  });
});

describe('scanClicks: a CSV mapping naming a column the file lacks', () => {
  it('fails at the header, naming the field and the columns there are, instead of rejecting every row', async () => {
    const host = hostFiles();
    await expect(scanClicks(host.clicks, { mapping: { ...host.mapping, ip: 'remote_ip' } })).rejects.toThrow(/mapping\.ip: column "remote_ip" is not in the CSV header \(columns: click_id, ts, partner, remote_addr, ua\)/u);
  });
});

describe('scanClicks: a byte stream that fails midway', () => {
  it('is a read error naming the stream, not a decompression problem, for gzip too', async () => {
    const { gzipSync } = await import('node:zlib');
    const rows = `${JSON.stringify({ clickId: 'a', timestamp: t0, partnerId: 'p', ip: '81.2.69.1', userAgent: UA })}\n`;
    const failing = (first: Buffer): AsyncGenerator<Buffer> =>
      (async function* () {
        yield first;
        throw new Error('disk on fire');
      })();
    const plain = await scanClicks(failing(Buffer.from(rows))).catch((error: unknown) => error);
    expect(plain).toBeInstanceOf(InputError);
    expect((plain as InputError).message).toBe('Cannot read <stream>: disk on fire');
    expect(((plain as InputError).cause as Error).message).toBe('disk on fire');
    const gz = gzipSync(rows.repeat(2000));
    await expect(scanClicks(failing(gz.subarray(0, 200)))).rejects.toThrow(/^Cannot read <stream>: disk on fire$/u);
  });

  it('is the same typed error for an iterable of objects that throws, at its first item or later', async () => {
    const row = { clickId: 'a', timestamp: t0, partnerId: 'p', ip: '81.2.69.1', userAgent: UA };
    const throwing = (after: number): AsyncGenerator<Record<string, unknown>> =>
      (async function* () {
        for (let i = 0; i < after; i += 1) yield { ...row, clickId: `c${i}` };
        throw new Error('upstream closed');
      })();
    for (const after of [0, 3]) {
      const error = await scanClicks(throwing(after)).catch((e: unknown) => e);
      expect([after, error instanceof InputError, (error as Error).message]).toEqual([after, true, 'Cannot read <stream>: upstream closed']);
    }
  });
});
