import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readClicks, readConversions } from '../../src/clicks/read.js';
import { FRAUD_TYPES, generateProgram, type FraudType, type ProgramRecord } from '../../scripts/sample/index.js';
import type { Click, Conversion, PartnerInfo } from '../../src/clicks/types.js';

const samples = (name: string): string => fileURLToPath(new URL(`../../datasets/samples/${name}`, import.meta.url));
const ranges = JSON.parse(readFileSync(fileURLToPath(new URL('../../datasets/sample-ip-ranges.json', import.meta.url)), 'utf8')) as {
  datacenter: { cidr: string }[];
};
const datacenterPrefixes = ranges.datacenter.map((r) => r.cidr.split('.').slice(0, 2).join('.') + '.');
const isDatacenter = (ip: string): boolean => datacenterPrefixes.some((p) => ip.startsWith(p));

function take(records: Generator<ProgramRecord>, n: number): ProgramRecord[] {
  const out: ProgramRecord[] = [];
  for (const r of records) {
    out.push(r);
    if (out.length >= n) break;
  }
  return out;
}

describe('generateProgram', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateProgram({ seed: 5, partners: 60, days: 2, clicksPerDay: 2000 });
    const b = generateProgram({ seed: 5, partners: 60, days: 2, clicksPerDay: 2000 });
    const c = generateProgram({ seed: 6, partners: 60, days: 2, clicksPerDay: 2000 });
    expect(b.partners).toEqual(a.partners);
    expect(b.labels).toEqual(a.labels);
    expect(take(b.records(), 3000)).toEqual(take(a.records(), 3000));
    // Each call to records() starts over.
    expect(take(a.records(), 50)).toEqual(take(a.records(), 50));
    expect(take(c.records(), 50)).not.toEqual(take(a.records(), 50));
  });

  it('streams: the first records of a 10-million-click program arrive without generating the rest', () => {
    const program = generateProgram({ seed: 1, partners: 500, days: 7, clicksPerDay: 1_400_000 });
    const started = performance.now();
    const first = take(program.records(), 1000);
    expect(first).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('labels the requested number of partners per type and rejects impossible counts', () => {
    const program = generateProgram({ partners: 100, fraud: { bot_farm: 5, dormant: 4 } });
    const counts = Object.values(program.labels).reduce<Record<string, number>>((acc, l) => ({ ...acc, [l]: (acc[l] ?? 0) + 1 }), {});
    expect(counts).toMatchObject({ bot_farm: 5, dormant: 4, click_flooding: 2 });
    expect(() => generateProgram({ partners: 5 })).toThrow(RangeError);
  });
});

describe('the committed sample (datasets/samples)', () => {
  const present = existsSync(samples('clicks.ndjson.gz'));
  if (!present) console.warn('skipping sample checks: run `npx tsx scripts/generate-sample.ts --out datasets/samples --gzip`');

  it.skipIf(!present)('reads back through readClicks/readConversions and reconciles with summary.json', async () => {
    const summary = JSON.parse(readFileSync(samples('summary.json'), 'utf8')) as {
      clicks: number;
      conversions: number;
      badClickRows: Record<string, number>;
      badConversionRows: Record<string, number>;
      partners: number;
    };
    const partners = JSON.parse(readFileSync(samples('partners.json'), 'utf8')) as PartnerInfo[];
    const labels = JSON.parse(readFileSync(samples('labels.json'), 'utf8')) as Record<string, FraudType>;
    expect(partners).toHaveLength(summary.partners);
    expect(partners.length).toBeGreaterThanOrEqual(200);
    expect(new Set(Object.values(labels))).toEqual(new Set(FRAUD_TYPES));

    const clicks: Click[] = [];
    const reader = readClicks(samples('clicks.ndjson.gz'));
    for await (const r of reader) if (r.ok) clicks.push(r.record);
    expect(reader.stats.accepted).toBe(summary.clicks);
    expect(reader.stats.byReason).toEqual(summary.badClickRows);
    expect(reader.stats.rows).toBe(reader.stats.accepted + reader.stats.rejected);
    expect(summary.clicks).toBeGreaterThan(20_000);

    const conversions: Conversion[] = [];
    const convReader = readConversions(samples('conversions.ndjson.gz'));
    for await (const r of convReader) if (r.ok) conversions.push(r.record);
    expect(convReader.stats.accepted).toBe(summary.conversions);
    expect(convReader.stats.byReason).toEqual(summary.badConversionRows);

    const label = (id: string): string => labels[id] ?? 'clean';
    const byLabel = new Map<string, Click[]>();
    for (const c of clicks) {
      const list = byLabel.get(label(c.partnerId)) ?? [];
      list.push(c);
      byLabel.set(label(c.partnerId), list);
    }
    const convByLabel = new Map<string, Conversion[]>();
    for (const v of conversions) {
      const list = convByLabel.get(label(v.partnerId)) ?? [];
      list.push(v);
      convByLabel.set(label(v.partnerId), list);
    }
    const share = (list: readonly Click[], test: (c: Click) => boolean): number => list.filter(test).length / list.length;
    const clean = byLabel.get('clean') ?? [];
    const cr = (l: string): number => (convByLabel.get(l)?.length ?? 0) / (byLabel.get(l)?.length ?? 1);
    const clickTime = new Map(clicks.map((c) => [c.clickId, c.timestamp]));
    const ctits = (l: string): number[] => (convByLabel.get(l) ?? []).map((v) => v.timestamp - (clickTime.get(v.clickId) ?? v.timestamp));

    // Dormant partners are listed but have no rows.
    const active = new Set(clicks.map((c) => c.partnerId));
    for (const [id, l] of Object.entries(labels)) if (l === 'dormant') expect(active.has(id)).toBe(false);
    expect(partners.map((p) => p.partnerId)).toEqual(expect.arrayContaining(Object.keys(labels)));

    // Bot farms: datacenter addresses; clean partners: almost none.
    expect(share(byLabel.get('bot_farm') ?? [], (c) => isDatacenter(c.ip))).toBe(1);
    expect(share(clean, (c) => isDatacenter(c.ip))).toBeLessThan(0.03);

    // Cookie stuffers: most clicks without activation in an iframe or image.
    const noActivation = (c: Click): boolean => c.headers?.['sec-fetch-user'] === undefined && ['iframe', 'image'].includes(c.headers?.['sec-fetch-dest'] ?? '');
    expect(share(byLabel.get('cookie_stuffing') ?? [], noActivation)).toBeGreaterThan(0.7);
    expect(share(clean, noActivation)).toBe(0);

    // Conversion rates: inflated far above the clean baseline, flooders and bots near zero.
    expect(cr('clean')).toBeGreaterThan(0.01);
    expect(cr('clean')).toBeLessThan(0.04);
    expect(cr('inflated_conversions')).toBeGreaterThan(5 * cr('clean'));
    expect(cr('click_flooding')).toBeLessThan(0.005);
    expect(cr('bot_farm')).toBeLessThan(0.005);

    // Injection: most conversions within 10 s of the click; clean ones almost never.
    const fast = (l: string): number => ctits(l).filter((t) => t < 10_000).length / Math.max(1, ctits(l).length);
    expect(fast('click_injection')).toBeGreaterThan(0.5);
    expect(fast('clean')).toBeLessThan(0.05);

    // Flooding: click-to-conversion times spread flat over the 7-day window (median ≈ 3.5 days).
    const floodTimes = ctits('click_flooding').sort((a, b) => a - b);
    expect(floodTimes[Math.floor(floodTimes.length / 2)]).toBeGreaterThan(24 * 3_600_000);
    const cleanTimes = ctits('clean').sort((a, b) => a - b);
    expect(cleanTimes[Math.floor(cleanTimes.length / 2)]).toBeLessThan(6 * 3_600_000);

    // Diurnal cycle: US partners' clean clicks peak in the evening (UTC 00-02) over the trough (UTC 08-10).
    const hourOf = (c: Click): number => new Date(c.timestamp).getUTCHours();
    // US audiences are the en-US ones (the generator gives each region its language).
    const us = clean.filter((c) => c.headers?.['accept-language']?.startsWith('en-US') === true);
    const evening = us.filter((c) => [0, 1, 2].includes(hourOf(c))).length;
    const night = us.filter((c) => [8, 9, 10].includes(hourOf(c))).length;
    expect(evening).toBeGreaterThan(2.5 * night);
  });
});
