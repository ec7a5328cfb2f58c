import { describe, expect, it } from 'vitest';
import { Interner } from '../../src/clicks/interner.js';

// Which copy comes back is invisible to JavaScript (strings compare by value), so these
// check what is observable: values pass through unchanged, repeats add nothing, the table is bounded.
describe('Interner', () => {
  it('passes values through and holds each distinct string once', () => {
    const strings = new Interner();
    expect(strings.intern(['https://shop.example/', 'o-vpn?aff=p011'].join(''))).toBe('https://shop.example/o-vpn?aff=p011');
    expect(strings.intern(['https://shop.example/o-vpn', '?aff=p011'].join(''))).toBe('https://shop.example/o-vpn?aff=p011');
    expect(strings.intern(undefined)).toBeUndefined();
    expect(strings.size).toBe(1);
  });

  it('starts over past its bound instead of growing', () => {
    const strings = new Interner(100);
    for (let i = 0; i < 1000; i += 1) expect(strings.intern(`s${i}`)).toBe(`s${i}`);
    expect(strings.size).toBeLessThanOrEqual(100);
    expect(strings.size).toBeGreaterThan(0);
  });
});
