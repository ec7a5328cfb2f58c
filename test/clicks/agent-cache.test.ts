import { describe, expect, it } from 'vitest';
import { AgentCache, HINTS_PER_AGENT_MAX, type HintedAgent } from '../../src/clicks/agent-cache.js';
import type { AgentFeature } from '../../src/clicks/features.js';

const agent: AgentFeature = Object.freeze({ kind: 'browser', category: undefined, name: 'Chrome', signals: Object.freeze([]) });
const variant = (platform: string): HintedAgent => ({ platform, mobile: '?0', agent });
const ua = (i: number, length: number): string => `Mozilla/5.0 (${i}) ${'x'.repeat(length)}`.slice(0, length);

describe('AgentCache', () => {
  it('keeps the characters it holds under its budget however long and varied the input, and counts them exactly', () => {
    const maxChars = 50_000;
    const cache = new AgentCache(1_000, maxChars);
    let peak = 0;
    // 2 000 distinct 2 000-character agents with 10 distinct 500-character hint sets each, and
    // every 100th with more hint sets than an agent keeps.
    for (let i = 0; i < 2_000; i += 1) {
      const entry = cache.entry(ua(i, 2_000));
      const sets = i % 100 === 0 ? HINTS_PER_AGENT_MAX + 6 : 10;
      for (let h = 0; h < sets; h += 1) {
        cache.addVariant(entry, `"Brand ${h}";v="1"`.padEnd(500, ' '), variant(`"P${h}"`));
        peak = Math.max(peak, cache.chars);
      }
      expect(cache.chars).toBe(cache.recount());
    }
    expect(peak).toBeLessThanOrEqual(maxChars);
    expect(peak).toBeGreaterThan(maxChars / 2);
    expect(cache.frontIsHeld()).toBe(true);
  });

  it('counts exactly and serves only held entries while generations drop by entry count', () => {
    const cache = new AgentCache(8);
    const agents = Array.from({ length: 40 }, (_, i) => ua(i, 100 + i));
    for (let round = 0; round < 3; round += 1) {
      for (const [i, u] of agents.entries()) {
        const entry = cache.entry(u);
        expect(entry.userAgent).toBe(u);
        if (i % 3 === 0) cache.addVariant(entry, `hint ${i}`, variant('"Windows"'));
        expect(cache.chars).toBe(cache.recount());
        expect(cache.frontIsHeld()).toBe(true);
      }
    }
  });

  it('finds hint sets through the memo and the map alike', () => {
    const cache = new AgentCache(10);
    const entry = cache.entry(ua(1, 120));
    expect(cache.variants(entry, 'a')).toBeUndefined();
    cache.addVariant(entry, 'a', variant('"Windows"'));
    cache.addVariant(entry, 'b', variant('"macOS"'));
    expect(cache.variants(entry, 'a')?.map((v) => v.platform)).toEqual(['"Windows"']);
    expect(cache.variants(entry, 'b')?.map((v) => v.platform)).toEqual(['"macOS"']);
    expect(cache.variants(entry, 'b')?.map((v) => v.platform)).toEqual(['"macOS"']);
    expect(cache.variants(entry, 'c')).toBeUndefined();
  });

  it('caches nothing at capacity 0', () => {
    const cache = new AgentCache(0);
    const a = cache.entry(ua(1, 50));
    cache.addVariant(a, 'hint', variant('"Windows"'));
    expect(cache.entry(ua(1, 50))).not.toBe(a);
    expect(cache.chars).toBe(0);
  });
});
