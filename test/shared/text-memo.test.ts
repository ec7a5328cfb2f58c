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

  it('keeps up to 32 strings of one set apart, each with its own answer, the common one first', () => {
    const texts = lookalikes(32);
    expect(new Set(texts.map((t) => sampledSlot(t, 64))).size).toBe(1);
    expect(new Set(texts).size).toBe(32);
    let computed = 0;
    const memo = new TextMemo(64, (t) => {
      computed += 1;
      return texts.indexOf(t);
    });
    for (let round = 0; round < 3; round += 1) for (let i = 0; i < texts.length; i += 1) expect(memo.get(texts[i]!)).toBe(i);
    expect(computed).toBe(32);
  });

  it('holds a bounded number of strings: a set past 32 recomputes, and answers stay right', () => {
    const texts = lookalikes(40);
    let computed = 0;
    const memo = new TextMemo(64, (t) => {
      computed += 1;
      return texts.indexOf(t);
    });
    for (let round = 0; round < 3; round += 1) for (let i = 0; i < texts.length; i += 1) expect(memo.get(texts[i]!)).toBe(i);
    expect(computed).toBeGreaterThan(40);
  });

  it('refuses a set count that is not a power of two', () => {
    expect(() => new TextMemo(48, () => 0)).toThrow(RangeError);
  });
});
