import { expect } from 'vitest';
import type { ReadResult, RecordReader } from '../../src/clicks/types.js';

/** A reader's stats agree with what it yielded: rows = accepted + rejected, and rejects by reason add up. */
export function expectReconciled<T>(reader: RecordReader<T>, results: readonly ReadResult<T>[]): void {
  const { rows, accepted, rejected, byReason } = reader.stats;
  expect(rows).toBe(results.length);
  expect(accepted + rejected).toBe(rows);
  expect(accepted).toBe(results.filter((r) => r.ok).length);
  expect(Object.values(byReason).reduce((a, b) => a + b, 0)).toBe(rejected);
}
