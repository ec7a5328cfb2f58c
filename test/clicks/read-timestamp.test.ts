import { describe, expect, it } from 'vitest';
import { EPOCH_SECONDS_LIMIT, parseTimestamp } from '../../src/clicks/read/timestamp.js';
import { splitCsvRecord } from '../../src/clicks/read/csv.js';

describe('parseTimestamp', () => {
  const noon = Date.UTC(2024, 4, 1, 12);

  it('reads epoch seconds below 1e11 and epoch milliseconds from 1e11, as numbers or digit strings', () => {
    expect(parseTimestamp(1714564800)).toBe(noon);
    expect(parseTimestamp('1714564800')).toBe(noon);
    expect(parseTimestamp(1714564800.25)).toBe(noon + 250);
    expect(parseTimestamp('1714564800.250')).toBe(noon + 250);
    expect(parseTimestamp(noon)).toBe(noon);
    expect(parseTimestamp(String(noon))).toBe(noon);
    // The boundary: just below is seconds (year 5138), at it is milliseconds (1973).
    expect(parseTimestamp(EPOCH_SECONDS_LIMIT - 1)).toBe((EPOCH_SECONDS_LIMIT - 1) * 1000);
    expect(parseTimestamp(EPOCH_SECONDS_LIMIT)).toBe(EPOCH_SECONDS_LIMIT);
  });

  it('refuses microseconds, nanoseconds, negatives and non-finite numbers', () => {
    expect(parseTimestamp(noon * 1000)).toBeUndefined();
    expect(parseTimestamp(-1)).toBeUndefined();
    expect(parseTimestamp(Number.NaN)).toBeUndefined();
    expect(parseTimestamp(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('reads ISO-8601 with T or space, fractions, Z and offsets; no zone means UTC', () => {
    expect(parseTimestamp('2024-05-01T12:00:00Z')).toBe(noon);
    expect(parseTimestamp('2024-05-01T12:00:00.5Z')).toBe(noon + 500);
    expect(parseTimestamp('2024-05-01 12:00:00.123456')).toBe(noon + 123);
    expect(parseTimestamp('2024-05-01T14:00:00+02:00')).toBe(noon);
    expect(parseTimestamp('2024-05-01T07:00:00-0500')).toBe(noon);
    expect(parseTimestamp('2024-05-01 12:00')).toBe(noon);
    expect(parseTimestamp('2024-05-01')).toBe(Date.UTC(2024, 4, 1));
    expect(parseTimestamp(' 2024-05-01T12:00:00z ')).toBe(noon);
    expect(parseTimestamp(new Date(noon))).toBe(noon);
  });

  it('refuses impossible dates and free text', () => {
    for (const bad of ['2024-02-30', '2024-13-01T00:00:00Z', '2024-05-01T24:00:00Z', '2024-05-01T12:60:00Z', 'yesterday', '', '12:00', '2024-5-1', {}, null, true]) {
      expect(parseTimestamp(bad), String(bad)).toBeUndefined();
    }
  });

  it('is linear on hostile input', () => {
    const start = performance.now();
    parseTimestamp(`2024-05-01T12:00:00${'0'.repeat(100_000)}`);
    parseTimestamp('9'.repeat(100_000));
    expect(performance.now() - start).toBeLessThan(100);
  });
});

describe('splitCsvRecord', () => {
  it('splits RFC 4180 fields', () => {
    expect(splitCsvRecord('a,"b,c","d""e",,"",f')).toEqual({ ok: true, fields: ['a', 'b,c', 'd"e', '', '', 'f'] });
    expect(splitCsvRecord('')).toEqual({ ok: true, fields: [''] });
    expect(splitCsvRecord('a,')).toEqual({ ok: true, fields: ['a', ''] });
  });

  it('reports stray and unterminated quotes', () => {
    expect(splitCsvRecord('a,b"c')).toEqual({ ok: false, error: 'bad_quote' });
    expect(splitCsvRecord('a,"b"c')).toEqual({ ok: false, error: 'bad_quote' });
    expect(splitCsvRecord('a,"bc')).toEqual({ ok: false, error: 'unterminated_quote' });
  });
});
