import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanClicks } from '../../src/clicks/scan-clicks.js';

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
    const csv = file('conversions.csv', 'conv,click,who,at,addr\nv1,a-1,a,1778061600000,203.0.113.9\n');
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
