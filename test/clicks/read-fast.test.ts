import { describe, expect, it } from 'vitest';
import { CLICK_FIELDS, clickSchema, fastClick, MAX_ID_LENGTH, MAX_IP_LENGTH, MAX_TEXT_LENGTH } from '../../src/clicks/read/schema.js';

const base = { clickId: 'c1', timestamp: 1_700_000_000_000, partnerId: 'p1', ip: '203.0.113.9', userAgent: 'Mozilla/5.0' };

const rows: Record<string, unknown>[] = [
  base,
  { ...base, subId: 's', offerId: 'o', referrer: 'https://a.example/', landingUrl: 'https://b.example/x', headers: { 'sec-fetch-user': '?1' }, deviceId: 'd' },
  { deviceId: 'd', headers: {}, ...base },
  { ...base, userAgent: '' },
  { ...base, subId: undefined },
  { ...base, clickId: '' },
  { ...base, clickId: 'x'.repeat(MAX_ID_LENGTH) },
  { ...base, clickId: 'x'.repeat(MAX_ID_LENGTH + 1) },
  { ...base, ip: 'x'.repeat(MAX_IP_LENGTH + 1) },
  { ...base, userAgent: 'x'.repeat(MAX_TEXT_LENGTH + 1) },
  { ...base, userAgent: '😀'.repeat(MAX_TEXT_LENGTH / 2 + 1) },
  { ...base, timestamp: 1.5 },
  { ...base, timestamp: -1 },
  { ...base, timestamp: -0 },
  { ...base, timestamp: 1e14 },
  { ...base, timestamp: Number.NaN },
  { ...base, timestamp: '1700000000000' },
  { ...base, headers: { a: 1 } },
  { ...base, headers: [] },
  { ...base, referrer: 5 },
  { ...base, extra: 'dropped' },
];

describe('fastClick', () => {
  it.each(rows.map((row, i) => [i, row] as const))('row %i: accepts only what clickSchema accepts, with the same output', (_, row) => {
    const fast = fastClick(row);
    const parsed = clickSchema.safeParse(row);
    if (fast !== undefined) {
      expect(parsed.success).toBe(true);
      expect(Object.keys(fast)).toEqual(Object.keys(parsed.data!));
      expect(fast).toStrictEqual(parsed.data);
    }
    // As the reader calls it on project's output: canonical keys in schema order, headers last, no undefined values.
    const projected: Record<string, unknown> = {};
    for (const key of CLICK_FIELDS) if (key !== 'headers' && row[key] !== undefined) projected[key] = row[key];
    if (row.headers !== undefined) projected.headers = row.headers;
    const trusted = fastClick(projected, true);
    const reference = clickSchema.safeParse(projected);
    if (trusted !== undefined) {
      expect(reference.success).toBe(true);
      expect(trusted).toStrictEqual(reference.data);
      expect(Object.keys(trusted)).toEqual(Object.keys(reference.data!));
    }
    if (parsed.success && Object.values(row).every((v) => typeof v !== 'string' || v.length <= MAX_ID_LENGTH)) expect(fast).toBeDefined();
  });
});
