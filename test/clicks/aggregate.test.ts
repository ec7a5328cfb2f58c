import { describe, expect, it } from 'vitest';
import { CTIT_EDGES, ctitBin } from '../../src/clicks/aggregate.js';
import { ctitQuantile, fitBaseline } from '../../src/clicks/baseline.js';
import { betaCdf, betaQuantile, wilsonLower } from '../../src/clicks/stats/beta.js';
import { addDistinct, countDistinct, createDistinct, DISTINCT_EXACT_CAP, mergeDistinct } from '../../src/clicks/stats/distinct.js';
import { ctit } from './partner-features.js';

describe('distinct counter', () => {
  it('is exact below the cap and within 2% above it', () => {
    const small = createDistinct();
    for (let i = 0; i < 1000; i += 1) addDistinct(small, `10.0.${i >> 8}.${i & 255}`);
    expect(countDistinct(small)).toEqual({ count: 1000, exact: true });
    const big = createDistinct();
    for (let i = 0; i < 200_000; i += 1) addDistinct(big, `ip-${i}`);
    const { count, exact } = countDistinct(big);
    expect(exact).toBe(false);
    expect(Math.abs(count - 200_000) / 200_000).toBeLessThan(0.02);
  });

  it('stays exact through every growth of its table up to the cap, repeats included', () => {
    for (const n of [1, 8, 9, 17, 500, DISTINCT_EXACT_CAP]) {
      const state = createDistinct();
      for (let round = 0; round < 2; round += 1) for (let i = 0; i < n; i += 1) addDistinct(state, `203.0.${i >> 8}.${i & 255}`);
      expect(countDistinct(state)).toEqual({ count: n, exact: true });
    }
    const over = createDistinct();
    for (let i = 0; i <= DISTINCT_EXACT_CAP; i += 1) addDistinct(over, `203.0.${i >> 8}.${i & 255}`);
    expect(countDistinct(over).exact).toBe(false);
    expect(Math.abs(countDistinct(over).count - (DISTINCT_EXACT_CAP + 1))).toBeLessThan(40);
  });

  it('survives a structured clone (what a worker posts) and merges the same after it', () => {
    const a = createDistinct();
    const b = createDistinct();
    for (let i = 0; i < 300; i += 1) addDistinct(a, `v${i}`);
    for (let i = 200; i < 600; i += 1) addDistinct(b, `v${i}`);
    mergeDistinct(a, structuredClone(b));
    expect(countDistinct(a)).toEqual({ count: 600, exact: true });
  });

  it('merges to exactly the counter of the whole input, however it is split', () => {
    const values = Array.from({ length: DISTINCT_EXACT_CAP * 3 }, (_, i) => `v${i % 5000}`);
    const whole = createDistinct();
    for (const v of values) addDistinct(whole, v);
    for (const cut of [0, 100, DISTINCT_EXACT_CAP, values.length - 10]) {
      const a = createDistinct();
      const b = createDistinct();
      values.slice(0, cut).forEach((v) => addDistinct(a, v));
      values.slice(cut).forEach((v) => addDistinct(b, v));
      mergeDistinct(a, b);
      expect(countDistinct(a)).toEqual(countDistinct(whole));
      expect(a.registers).toEqual(whole.registers);
    }
  });
});

describe('beta and Wilson', () => {
  it('matches closed forms', () => {
    expect(betaCdf(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    // I_x(2, 1) = x²; I_x(1, 3) = 1 − (1 − x)³
    expect(betaCdf(0.4, 2, 1)).toBeCloseTo(0.16, 12);
    expect(betaCdf(0.2, 1, 3)).toBeCloseTo(1 - 0.8 ** 3, 12);
    expect(betaQuantile(0.5, 50, 50)).toBeCloseTo(0.5, 9);
    expect(betaCdf(betaQuantile(0.05, 3.2, 400), 3.2, 400)).toBeCloseTo(0.05, 9);
    // Wilson lower bound of 0/10 is 0, of 10/10 is below 1, and it grows with n at a fixed share.
    expect(wilsonLower(0, 10)).toBe(0);
    expect(wilsonLower(10, 10)).toBeLessThan(1);
    expect(wilsonLower(300, 500)).toBeGreaterThan(wilsonLower(3, 5));
  });
});

describe('baseline', () => {
  it('fits the median rate and is not widened by a few extreme partners', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ clicks: 1000 + i * 10, conversions: 20 + (i % 5) }));
    const clean = fitBaseline(rows)!;
    const withFraud = fitBaseline([...rows, { clicks: 500, conversions: 250 }, { clicks: 5000, conversions: 0 }])!;
    expect(clean.rate).toBeCloseTo(0.02, 2);
    expect(withFraud.rate).toBeCloseTo(clean.rate, 3);
    expect(withFraud.alpha + withFraud.beta).toBeCloseTo(clean.alpha + clean.beta, -1);
  });

  it('declines to fit with too few partners with volume', () => {
    expect(fitBaseline([{ clicks: 10_000, conversions: 200 }])).toBeNull();
  });
});

describe('CTIT histogram', () => {
  it('bins by upper edge and reads quantiles back inside the right bin', () => {
    expect(ctitBin(0)).toBe(0);
    expect(ctitBin(1)).toBe(1);
    expect(ctitBin(9.9)).toBe(3);
    expect(ctitBin(10 ** 9)).toBe(CTIT_EDGES.length);
    const h = ctit([3, 3, 3, 3, 3, 400, 400, 400, 400, 400]);
    expect(ctitQuantile(h, 0.25)).toBeGreaterThanOrEqual(2);
    expect(ctitQuantile(h, 0.25)).toBeLessThan(5);
    expect(ctitQuantile(h, 0.9)).toBeGreaterThanOrEqual(300);
    expect(ctitQuantile(ctit([]), 0.5)).toBeNull();
  });
});
