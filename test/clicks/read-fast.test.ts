import { describe, expect, it } from 'vitest';
import { compileMapping, project } from '../../src/clicks/read/mapping.js';
import { CLICK_FIELDS, clickSchema, CONVERSION_FIELDS, conversionSchema, fastClick, fastConversion, isCanonicalClick, MAX_ID_LENGTH, MAX_IP_LENGTH, MAX_TEXT_LENGTH } from '../../src/clicks/read/schema.js';

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
  { ...base, timestamp: 1_700_000_000 },
  { ...base, timestamp: 1_700_000_000.4 },
  { ...base, timestamp: '2024-05-01T00:00:00Z' },
  { ...base, subId: null },
  { ...base, subId: '' },
  { ...base, referrer: '' },
  { ...base, landingUrl: null },
  { ...base, clickId: 7 },
  { ...base, headers: { 'Sec-Fetch-User': '?1' } },
  { ...base, headers: JSON.parse('{"__proto__":"x","sec-fetch-user":"?1"}') as Record<string, string> },
  { ...base, headers: { 'sec-fetch-user': null } },
  { ...base, headers: null },
  { headers: { 'sec-fetch-dest': 'iframe' }, deviceId: 'd', ...base, subId: 's' },
];

// The reader's plan for an unmapped file, as `readClicks` compiles it.
const identity = compileMapping('click', CLICK_FIELDS, { timestamp: 'timestamp' }, {});

describe('fastClick', () => {
  it.each(rows.map((row, i) => [i, row] as const))('row %i: accepts only what clickSchema accepts, with the same output', (_, row) => {
    // As the reader calls it on project's output: canonical keys in schema order, headers last, no undefined values.
    const projected: Record<string, unknown> = {};
    for (const key of CLICK_FIELDS) if (key !== 'headers' && row[key] !== undefined) projected[key] = row[key];
    if (row.headers !== undefined) projected.headers = row.headers;
    const trusted = fastClick(projected, 'projected');
    const reference = clickSchema.safeParse(projected);
    if (trusted !== undefined) {
      expect(reference.success).toBe(true);
      expect(trusted).toStrictEqual(reference.data);
      expect(Object.keys(trusted)).toEqual(Object.keys(reference.data!));
    }
    // As the reader calls it on an unmapped JSON row: exactly what project + zod make of it, keys in the same order.
    const direct = fastClick(row, 'json');
    const viaProject = clickSchema.safeParse(project(row, identity, 1));
    if (direct !== undefined) {
      expect(viaProject.success).toBe(true);
      expect(direct).toStrictEqual(viaProject.data);
      expect(Object.keys(direct)).toEqual(Object.keys(viaProject.data!));
    }
    if (reference.success && Object.values(projected).every((v) => typeof v !== 'string' || v.length <= MAX_ID_LENGTH)) expect(trusted).toBeDefined();
    // The screener's check, on a click handed over as a Click: never true where the schema says no.
    if (isCanonicalClick(projected)) expect(reference.success).toBe(true);
    expect(isCanonicalClick(projected)).toBe(trusted !== undefined);
    // The scan's fixed-shape path: only where the exact path accepts, every canonical key in order, the same values.
    const shaped = fastClick(row, 'json', false);
    expect(shaped === undefined).toBe(direct === undefined);
    if (shaped !== undefined) {
      expect(Object.keys(shaped)).toEqual([...CLICK_FIELDS]);
      for (const key of CLICK_FIELDS) expect(shaped[key]).toStrictEqual((direct as unknown as Record<string, unknown>)[key]);
    }
  });

  it('takes the common unmapped JSON row directly, and leaves rows that need normalising to project', () => {
    expect(identity.identity).toBe(true);
    expect(compileMapping('click', CLICK_FIELDS, { timestamp: 'timestamp' }, { mapping: { ip: 'addr' } }).identity).toBe(false);
    expect(compileMapping('click', CLICK_FIELDS, { timestamp: 'timestamp' }, { defaults: { partnerId: 'p' } }).identity).toBe(false);
    expect(fastClick(rows[1]!, 'json')).toBeDefined();
    // Epoch seconds are converted as project converts them.
    expect(fastClick({ ...base, timestamp: 1_700_000_000 }, 'json')?.timestamp).toBe(1_700_000_000_000);
    for (const row of [{ ...base, headers: { 'Sec-Fetch-User': '?1' } }, { ...base, subId: '' }, { ...base, timestamp: '2024-05-01T00:00:00Z' }, { ...base, clickId: 7 }]) {
      expect(fastClick(row, 'json')).toBeUndefined();
    }
  });
});

const conversionBase = { conversionId: 'v1', clickId: 'c1', partnerId: 'p1', timestamp: 1_700_000_000_000 };
const conversionRows: Record<string, unknown>[] = [
  conversionBase,
  { ...conversionBase, clickTime: 1_699_999_000_000, amount: 12.5, status: 'approved', couponCode: 'SAVE', ip: '203.0.113.9', deviceId: 'd' },
  { ...conversionBase, timestamp: 1_700_000_000 },
  { ...conversionBase, timestamp: '2024-05-01T00:00:00Z' },
  { ...conversionBase, timestamp: -1 },
  { ...conversionBase, timestamp: 1.5 },
  { ...conversionBase, timestamp: 1e14 },
  { ...conversionBase, clickTime: 'yesterday' },
  { ...conversionBase, clickTime: -0 },
  { ...conversionBase, amount: '19.99' },
  { ...conversionBase, amount: 'ten' },
  { ...conversionBase, amount: Number.POSITIVE_INFINITY },
  { ...conversionBase, amount: Number.NaN },
  { ...conversionBase, amount: 1e9 },
  { ...conversionBase, amount: -1e9 - 1 },
  { ...conversionBase, status: 'Refunded ' },
  { ...conversionBase, status: 'lost' },
  { ...conversionBase, status: 3 },
  { ...conversionBase, couponCode: 'x'.repeat(MAX_ID_LENGTH + 1) },
  { ...conversionBase, ip: 'x'.repeat(MAX_IP_LENGTH + 1) },
  { ...conversionBase, ip: 7 },
  { ...conversionBase, deviceId: 12345 },
  { ...conversionBase, conversionId: '' },
  { ...conversionBase, clickId: null },
  { ...conversionBase, partnerId: { id: 'p' } },
  { ...conversionBase, extra: 'dropped' },
  { deviceId: 'd', amount: 3, ...conversionBase },
];
const conversionIdentity = compileMapping('conversion', CONVERSION_FIELDS, { timestamp: 'timestamp', clickTime: 'timestamp', amount: 'number', status: 'lower' }, {});

describe('fastConversion', () => {
  it.each(conversionRows.map((row, i) => [i, row] as const))('row %i: accepts only what conversionSchema accepts, with the same output', (_, row) => {
    const projected = project(row, conversionIdentity, 1);
    const fast = fastConversion(projected, 'projected');
    const reference = conversionSchema.safeParse(projected);
    expect(fast !== undefined).toBe(reference.success);
    if (fast !== undefined) {
      expect(fast).toStrictEqual(reference.data);
      expect(Object.keys(fast)).toEqual(Object.keys(reference.data!));
    }
    // A raw JSON row always goes through project first.
    expect(fastConversion(row, 'json')).toBeUndefined();
  });
});
