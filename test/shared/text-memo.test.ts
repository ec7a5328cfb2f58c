import { describe, expect, it } from 'vitest';
import { sampledSlot } from '../../src/shared/sampled-slot.js';
import { TextMemo } from '../../src/shared/text-memo.js';

/** Strings of one length that differ only at characters `sampledSlot` never reads: they share a set. */
function lookalikes(count: number): string[] {
  const n = 300;
  const sampled = new Set(Array.from({ length: 8 }, (_, k) => (n * k) >> 3));
  const free = Array.from({ length: n }, (_, i) => i).filter((i) => !sampled.has(i));
  return Array.from({ length: count }, (_, j) => {
    const chars = Array.from({ length: n }, () => 'a');
    // Write j in base 26 over free positions.
    let x = j;
    for (let d = 0; d < 3; d += 1) {
      chars[free[d * 7]!] = String.fromCharCode(97 + (x % 26));
      x = Math.floor(x / 26);
    }
    return chars.join('');
  });
}

describe('TextMemo', () => {
  it('computes each string once while it is held, from a copy', () => {
    const seen: string[] = [];
    const memo = new TextMemo(4, (t) => {
      seen.push(t);
      return t.length;
    });
    const long = `${'x'.repeat(100)}{"a":"1"}${'y'.repeat(100)}`;
    const cut = long.slice(100, 109);
    expect(memo.get(cut)).toBe(9);
    expect(memo.get(long.slice(100, 109))).toBe(9);
    expect(memo.get('other')).toBe(5);
    expect(seen).toEqual(['{"a":"1"}', 'other']);
    expect(memo.misses).toBe(2);
  });

  /** Looks `order` (indexes into `texts`) up in a fresh memo, checking every answer; returns how often each text was computed. */
  function computations(texts: readonly string[], order: readonly number[]): number[] {
    const counts = texts.map(() => 0);
    const memo = new TextMemo(64, (t) => {
      counts[texts.indexOf(t)]! += 1;
      return texts.indexOf(t);
    });
    for (const i of order) expect(memo.get(texts[i]!)).toBe(i);
    return counts;
  }
  const rounds = (n: number, times: number): number[] => Array.from({ length: n * times }, (_, k) => k % n);

  it('keeps up to 32 strings of one set apart, each with its own answer', () => {
    const texts = lookalikes(32);
    expect(new Set(texts.map((t) => sampledSlot(t, 64))).size).toBe(1);
    expect(new Set(texts).size).toBe(32);
    expect(computations(texts, rounds(32, 3))).toEqual(texts.map(() => 1));
  });

  it('holds a bounded number of strings: a set past 32 recomputes, answers stay right, and a hot string stays', () => {
    const texts = lookalikes(40);
    expect(computations(texts, rounds(40, 3)).reduce((a, b) => a + b)).toBeGreaterThan(40);
    // Text 0 arrives when the set is full (in the last way, which the next miss replaces), is
    // hit once, and is then looked up between all the others: each hit moves it forward, so
    // the misses, which replace the last way, never reach it.
    const others = rounds(39, 3).map((i) => i + 1);
    const hot = [...others.slice(0, 32), 0, 0, ...others.slice(32).flatMap((i) => [i, 0])];
    const counts = computations(texts, hot);
    expect(counts[0]).toBe(1);
    expect(counts.reduce((a, b) => a + b)).toBeGreaterThan(40);
  });

  it('refuses a set count that is not a power of two', () => {
    expect(() => new TextMemo(48, () => 0)).toThrow(RangeError);
  });
});
