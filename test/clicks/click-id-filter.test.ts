import { describe, expect, it } from 'vitest';
import { ClickIdFilter } from '../../src/clicks/click-id-filter.js';
import { hash32, hash32Of53, hash53 } from '../../src/clicks/hash.js';

describe('ClickIdFilter', () => {
  it('never turns away an id it was given', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `c${i.toString(36)}-${i % 7}`);
    const filter = new ClickIdFilter(ids.length);
    for (const id of ids) filter.add(id);
    expect(ids.filter((id) => !filter.mightHave(id))).toEqual([]);
  });

  it('turns away most ids it was not given (16 bits per id: about 6% pass)', () => {
    const filter = new ClickIdFilter(10_000);
    for (let i = 0; i < 10_000; i += 1) filter.add(`conv-${i}`);
    let passed = 0;
    for (let i = 0; i < 100_000; i += 1) if (filter.mightHave(`click-${i}`)) passed += 1;
    expect(passed / 100_000).toBeLessThan(0.1);
  });

  it('answers the same for an id given as the top 32 bits of its hash53 (how the scan asks)', () => {
    const filter = new ClickIdFilter(1000);
    for (let i = 0; i < 1000; i += 1) filter.add(`conv-${i}`);
    const asked = Array.from({ length: 5000 }, (_, i) => (i % 2 === 0 ? `conv-${i}` : `click-${i}`));
    for (const id of asked) expect(hash32Of53(hash53(id))).toBe(hash32(id));
    expect(asked.map((id) => filter.mightHaveHash(hash32Of53(hash53(id))))).toEqual(asked.map((id) => filter.mightHave(id)));
    expect(asked.filter((id) => filter.mightHave(id)).length).toBeGreaterThan(500);
  });

  it('works empty', () => {
    expect(new ClickIdFilter(0).mightHave('anything')).toBe(false);
  });
});
