import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AgentCache, HINTS_PER_AGENT_MAX } from '../../src/clicks/agent-cache.js';
import type { AgentFeature } from '../../src/clicks/features.js';
import { detached } from '../../src/shared/detached.js';

const agent: AgentFeature = Object.freeze({ kind: 'browser', category: undefined, name: 'Chrome', signals: Object.freeze([]) });
const ua = (i: number, length: number): string => `Mozilla/5.0 (${i}) ${'x'.repeat(length)}`.slice(0, length);

describe('AgentCache', () => {
  it('keeps the bytes it holds under its budget however long and varied the input, and counts them exactly', () => {
    const maxBytes = 200_000;
    const cache = new AgentCache(1_000, maxBytes);
    let peak = 0;
    // 2 000 distinct 2 000-character agents with 10 distinct 500-character hint sets each, and
    // every 100th with more hint sets than an agent keeps.
    for (let i = 0; i < 2_000; i += 1) {
      const entry = cache.entry(ua(i, 2_000));
      const sets = i % 100 === 0 ? HINTS_PER_AGENT_MAX + 6 : 10;
      for (let h = 0; h < sets; h += 1) {
        cache.addVariant(entry, `"Brand ${h}";v="1"`.padEnd(500, ' '), `"P${h}"`, '?0', agent);
        peak = Math.max(peak, cache.bytes);
      }
      expect(cache.bytes).toBe(cache.recount());
    }
    expect(peak).toBeLessThanOrEqual(maxBytes);
    expect(peak).toBeGreaterThan(maxBytes / 2);
    expect(cache.frontIsHeld()).toBe(true);
  });

  it('charges the objects of tiny hint sets too, so many of them cannot pass the budget', () => {
    // A review's case: short agents with 64 short hint sets each hold little text but many objects.
    const maxBytes = 1_000_000;
    const cache = new AgentCache(100_000, maxBytes);
    // One answer under a one-character hint costs its objects, not the two bytes of its text.
    const probe = cache.entry('probe');
    const before = cache.bytes;
    cache.addVariant(probe, 'h', undefined, undefined, agent);
    expect(cache.bytes - before).toBeGreaterThan(200);
    for (let a = 0; a < 3_000; a += 1) {
      const entry = cache.entry(a.toString(36));
      for (let h = 0; h < HINTS_PER_AGENT_MAX; h += 1) cache.addVariant(entry, h.toString(36), undefined, undefined, agent);
      expect(cache.bytes).toBeLessThanOrEqual(maxBytes);
    }
    expect(cache.bytes).toBe(cache.recount());
    // 3 000 × 64 variants at ~400 bytes each is ~77 MB of objects: far more than was kept.
    expect(cache.bytes).toBeGreaterThan(maxBytes / 4);
  });

  it('counts exactly and serves only held entries while generations drop by entry count', () => {
    const cache = new AgentCache(8);
    const agents = Array.from({ length: 40 }, (_, i) => ua(i, 100 + i));
    for (let round = 0; round < 3; round += 1) {
      for (const [i, u] of agents.entries()) {
        const entry = cache.entry(u);
        expect(entry.userAgent).toBe(u);
        if (i % 3 === 0) cache.addVariant(entry, `hint ${i}`, '"Windows"', '?0', agent);
        expect(cache.bytes).toBe(cache.recount());
        expect(cache.frontIsHeld()).toBe(true);
      }
    }
  });

  it('keeps a hot user agent however many others pass through, as a cache without the front would', () => {
    const cache = new AgentCache(10);
    const hot = ua(0, 130);
    const first = cache.entry(hot);
    for (let i = 1; i <= 1_000; i += 1) {
      cache.entry(ua(i, 130));
      expect(cache.entry(hot)).toBe(first);
      expect(first.cached).toBe(true);
    }
  });

  it('finds hint sets through the memo and the map alike', () => {
    const cache = new AgentCache(10);
    const entry = cache.entry(ua(1, 120));
    expect(cache.variants(entry, 'a')).toBeUndefined();
    cache.addVariant(entry, 'a', '"Windows"', '?0', agent);
    cache.addVariant(entry, 'b', '"macOS"', '?0', agent);
    expect(cache.variants(entry, 'a')?.map((v) => v.platform)).toEqual(['"Windows"']);
    expect(cache.variants(entry, 'b')?.map((v) => v.platform)).toEqual(['"macOS"']);
    expect(cache.variants(entry, 'b')?.map((v) => v.platform)).toEqual(['"macOS"']);
    expect(cache.variants(entry, 'c')).toBeUndefined();
  });

  it('caches nothing at capacity 0', () => {
    const cache = new AgentCache(0);
    const a = cache.entry(ua(1, 50));
    cache.addVariant(a, 'hint', '"Windows"', '?0', agent);
    expect(cache.entry(ua(1, 50))).not.toBe(a);
    expect(cache.bytes).toBe(0);
  });
});

describe('detached', () => {
  it('copies every string exactly, lone surrogates and all', () => {
    for (const s of ['', 'a', 'Mozilla/5.0 (X11; Linux x86_64)', '\ud800', 'x\udc00y', '😀', '"\\\n\u0000', 'é'.repeat(5000)]) {
      expect(detached(s)).toBe(s);
    }
  });
});

describe('AgentCache memory, measured in a fresh process', () => {
  const source = fileURLToPath(new URL('../../src/clicks/agent-cache.ts', import.meta.url));

  /** Megabytes of heap still held after running `body` (with a cache `cache` in scope), both ends after a full GC. */
  function retainedMb(body: string): number {
    const script = `import { AgentCache } from ${JSON.stringify(source)};
const agent = Object.freeze({ kind: 'browser', category: undefined, name: 'Chrome', signals: Object.freeze([]) });
globalThis.gc(); const before = process.memoryUsage().heapUsed;
const cache = new AgentCache(100_000, 16 * 1024 * 1024);
${body}
globalThis.gc(); console.log((process.memoryUsage().heapUsed - before) / 1048576, cache.bytes);`;
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const [mb] = run.stdout.trim().split(' ').map(Number);
    return mb!;
  }

  it('stays near its 16 MiB budget with many tiny hint sets (their objects are charged, not only their text)', () => {
    // 20 000 agents × 64 hint sets, ~1.3 million answers: over 400 MB if only text were counted.
    const mb = retainedMb(`for (let a = 0; a < 20_000; a += 1) {
  const entry = cache.entry(a.toString(36));
  for (let h = 0; h < 64; h += 1) cache.addVariant(entry, h.toString(36), undefined, undefined, agent);
}`);
    expect(mb).toBeLessThan(40);
  });
});
