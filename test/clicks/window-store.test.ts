/**
 * The screener's windows sit behind a store: what the store answers is all the rules see of
 * per-click state, and the keys it is handed are the hashes the scan reuses.
 */
import { describe, expect, it } from 'vitest';
import { createClickScreener } from '../../src/builtin.js';
import type { ClickWindowFeature } from '../../src/clicks/features.js';
import { hash53 } from '../../src/clicks/hash.js';
import { resolveWindowConfig } from '../../src/clicks/windows/config.js';
import { MemoryWindowStore } from '../../src/clicks/windows/memory-store.js';
import type { WindowKeys, WindowStore, WindowedClick } from '../../src/clicks/windows/store.js';

const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const click = (n: number) => ({ clickId: `c${n}`, timestamp: Date.UTC(2026, 0, 1) + n * 1000, partnerId: 'p1', ip: '81.2.69.160', userAgent: ua });

describe('the window store seam', () => {
  it('scores with what the store answers', () => {
    const flooded: WindowStore = {
      config: resolveWindowConfig(),
      observe: (): ClickWindowFeature => ({ ipPartnerClicks: 50, floodWindowSeconds: 60, ipUserAgents: 1, rotationWindowSeconds: 300, sameClickId: 0, sameFingerprint: 0, duplicateWindowSeconds: 10 }),
    };
    const verdict = createClickScreener({ store: flooded }).score(click(1));
    expect(verdict.hits.map((h) => h.rule)).toEqual(['click/flood-ip']);
    expect(verdict.hits[0]!.evidence).toMatchObject({ clicks: 50, windowSeconds: 60 });
  });

  it('hands the store the click and its hashed keys, once a click', () => {
    const seen: Array<[WindowedClick, WindowKeys]> = [];
    const memory = new MemoryWindowStore(resolveWindowConfig());
    const recording: WindowStore = { config: memory.config, observe: (c, keys) => (seen.push([c, keys]), memory.observe(c, keys)) };
    const screener = createClickScreener({ store: recording });
    screener.score(click(1));
    const second = screener.score({ ...click(2), clickId: 'c1' });
    expect(seen).toHaveLength(2);
    expect(seen[0]![1]).toEqual({ agent: hash53(ua), address: hash53('81.2.69.160'), clickId: hash53('c1') });
    expect(second.hits.map((h) => h.rule)).toContain('click/duplicate-click');
    expect(screener.windows).toBe(memory.config);
  });
});
