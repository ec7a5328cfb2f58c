import { describe, expect, it } from 'vitest';
import { ClickWindows, resolveWindowConfig, type WindowedClick } from '../../src/clicks/windows.js';

const t0 = Date.UTC(2026, 0, 1);
const click = (over: Partial<WindowedClick>): WindowedClick => ({ clickId: `c${Math.random()}`, timestamp: t0, partnerId: 'a', ip: '81.2.69.160', userAgent: 'ua', ...over });

describe('ClickWindows', () => {
  it('bounds keys per partner, whatever the number of distinct IPs', () => {
    const w = new ClickWindows(resolveWindowConfig({ maxKeysPerPartner: 100 }));
    for (let i = 0; i < 20_000; i += 1) w.observe(click({ ip: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, timestamp: t0 + i }));
    // Three maps (IPs, click ids, fingerprints), each at most two generations of 100 keys.
    expect(w.size).toBeLessThanOrEqual(600);
  });

  it('forgets keys once the partner has moved two windows on', () => {
    const w = new ClickWindows(resolveWindowConfig());
    for (let i = 0; i < 1000; i += 1) w.observe(click({ ip: `10.0.${i >> 8}.${i & 255}`, timestamp: t0 + i }));
    expect(w.size).toBeGreaterThan(1000);
    w.observe(click({ timestamp: t0 + 301_000 }));
    w.observe(click({ timestamp: t0 + 602_000 }));
    expect(w.size).toBeLessThan(10);
  });

  it("keeps each partner's state independent of other partners' clocks (what makes sharding by partner exact)", () => {
    const w = new ClickWindows(resolveWindowConfig());
    for (let i = 0; i < 10; i += 1) w.observe(click({ timestamp: t0 + i * 1000 }));
    w.observe(click({ partnerId: 'b', timestamp: t0 + 3_600_000 }));
    expect(w.observe(click({ timestamp: t0 + 10_000 })).ipPartnerClicks).toBe(11);
  });

  it('rejects nonsensical bounds at setup', () => {
    expect(() => resolveWindowConfig({ floodWindowSeconds: 0 })).toThrow(/positive/u);
    expect(() => resolveWindowConfig({ maxKeysPerPartner: 1.5 })).toThrow(/integer/u);
  });
});
