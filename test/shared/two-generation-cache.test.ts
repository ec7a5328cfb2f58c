import { describe, expect, it } from 'vitest';
import { TwoGenerationCache } from '../../src/shared/two-generation-cache.js';

describe('TwoGenerationCache', () => {
  it('hands every value of a dropped generation to onDrop, whether full or dropped on demand', () => {
    const dropped: number[] = [];
    const cache = new TwoGenerationCache<number>(4, (v) => dropped.push(v));
    for (let i = 0; i < 6; i += 1) cache.set(String(i), i);
    // Young held 0,1 → old; young held 2,3 → old (0,1 dropped); young now 4,5.
    expect(dropped).toEqual([0, 1]);
    // A hit in the old generation moves to a full young one: the old (now just 3) is dropped.
    expect(cache.get('2')).toBe(2);
    expect(dropped).toEqual([0, 1, 3]);
    expect([...cache.values()]).toEqual([2, 4, 5]);
    cache.dropOldGeneration();
    expect(dropped).toEqual([0, 1, 3, 4, 5]);
    expect([...cache.values()]).toEqual([2]);
  });

  it('never drops on its own with an infinite capacity', () => {
    const cache = new TwoGenerationCache<number>(Number.POSITIVE_INFINITY, () => {
      throw new Error('dropped');
    });
    for (let i = 0; i < 10_000; i += 1) cache.set(String(i), i);
    expect(cache.size).toBe(10_000);
  });
});
