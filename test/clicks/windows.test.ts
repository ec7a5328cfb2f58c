import { describe, expect, it } from 'vitest';
import { resolveWindowConfig } from '../../src/clicks/windows/config.js';
import { MemoryWindowStore } from '../../src/clicks/windows/memory-store.js';
import { windowKeysOf, type WindowKeys, type WindowedClick } from '../../src/clicks/windows/store.js';

/** The in-memory store, keying each click from scratch as the pipeline does. */
class ClickWindows extends MemoryWindowStore {
  override observe(c: WindowedClick, keys: WindowKeys = windowKeysOf(c)) {
    return super.observe(c, keys);
  }
}

const t0 = Date.UTC(2026, 0, 1);
const click = (over: Partial<WindowedClick>): WindowedClick => ({ clickId: `c${Math.random()}`, timestamp: t0, partnerId: 'a', ip: '81.2.69.160', userAgent: 'ua', ...over });

describe('MemoryWindowStore', () => {
  it('bounds keys per partner, whatever the number of distinct IPs', () => {
    const w = new ClickWindows(resolveWindowConfig({ maxKeysPerPartner: 100 }));
    for (let i = 0; i < 20_000; i += 1) w.observe(click({ ip: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, timestamp: t0 + i }));
    // Two maps (IPs, which also hold the fingerprints, and click ids), each at most two generations of 100 keys.
    expect(w.size).toBeLessThanOrEqual(400);
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

  it('counts earlier clicks with the same fingerprint (IP, user agent, sub id, landing URL) inside the duplicate window only', () => {
    const w = new ClickWindows(resolveWindowConfig());
    const same = { ip: '81.2.69.160', userAgent: 'ua-1', subId: 's1', landingUrl: 'https://shop.example/a' };
    expect(w.observe(click({ ...same })).sameFingerprint).toBe(0);
    expect(w.observe(click({ ...same, timestamp: t0 + 2000 })).sameFingerprint).toBe(1);
    expect(w.observe(click({ ...same, timestamp: t0 + 4000 })).sameFingerprint).toBe(2);
    // Any part of the fingerprint differing makes it another one.
    expect(w.observe(click({ ...same, timestamp: t0 + 4000, userAgent: 'ua-2' })).sameFingerprint).toBe(0);
    expect(w.observe(click({ ...same, timestamp: t0 + 4000, subId: undefined })).sameFingerprint).toBe(0);
    expect(w.observe(click({ ...same, timestamp: t0 + 4000, landingUrl: 'https://shop.example/b' })).sameFingerprint).toBe(0);
    expect(w.observe(click({ ...same, timestamp: t0 + 4000, ip: '81.2.69.161' })).sameFingerprint).toBe(0);
    expect(w.observe(click({ ...same, timestamp: t0 + 4000, partnerId: 'b' })).sameFingerprint).toBe(0);
    // More than the 10-second window after the last one: counting starts again.
    expect(w.observe(click({ ...same, timestamp: t0 + 15_000 })).sameFingerprint).toBe(0);
    expect(w.observe(click({ ...same, timestamp: t0 + 16_000 })).sameFingerprint).toBe(1);
  });

  it('counts a repeated click id inside the duplicate window, whatever else changed', () => {
    const w = new ClickWindows(resolveWindowConfig());
    expect(w.observe(click({ clickId: 'x' })).sameClickId).toBe(0);
    expect(w.observe(click({ clickId: 'x', ip: '81.2.69.1', timestamp: t0 + 9000 })).sameClickId).toBe(1);
    expect(w.observe(click({ clickId: 'x', timestamp: t0 + 30_000 })).sameClickId).toBe(0);
  });

  it('keeps a late click comparable with what is still in its window', () => {
    const w = new ClickWindows(resolveWindowConfig());
    const same = { userAgent: 'ua-1', landingUrl: 'https://shop.example/a' };
    w.observe(click({ ...same, timestamp: t0 + 5000 }));
    expect(w.observe(click({ ...same, timestamp: t0 })).sameFingerprint).toBe(1);
  });

  it('counts repeated click ids through restarts and late arrivals', () => {
    const w = new ClickWindows(resolveWindowConfig({ duplicateWindowSeconds: 10 }));
    const seen = (clickId: string, dt: number): number => w.observe(click({ clickId, timestamp: t0 + dt })).sameClickId;
    // Repeats inside the window count up; a repeat after a whole window starts over.
    expect([seen('a', 0), seen('a', 1000), seen('a', 2000), seen('a', 20_000), seen('a', 21_000)]).toEqual([0, 1, 2, 0, 1]);
    // A second sighting outside the window starts over too, and the next one counts it.
    expect([seen('b', 0), seen('b', 15_000), seen('b', 16_000)]).toEqual([0, 0, 1]);
    // A late repeat does not move the window back: the next one is measured from the latest.
    expect([seen('c', 5000), seen('c', 1000), seen('c', 14_000)]).toEqual([0, 1, 2]);
  });

  it('finds every key again after its table has grown many times', () => {
    const w = new ClickWindows(resolveWindowConfig());
    const ips = Array.from({ length: 5000 }, (_, i) => `10.1.${i >> 8}.${i & 255}`);
    for (const [i, ip] of ips.entries()) w.observe(click({ ip, timestamp: t0 + i }));
    const counts = ips.map((ip, i) => w.observe(click({ ip, timestamp: t0 + 5000 + i })).ipPartnerClicks);
    expect(new Set(counts)).toEqual(new Set([2]));
  });

  it('carries an address with several clicks into the next generation with all its state', () => {
    const w = new ClickWindows(resolveWindowConfig());
    const ip = '81.2.69.200';
    w.observe(click({ ip, userAgent: 'ua-1', timestamp: t0 }));
    w.observe(click({ ip, userAgent: 'ua-1', timestamp: t0 + 200_000 }));
    w.observe(click({ ip, userAgent: 'ua-2', timestamp: t0 + 250_000 }));
    // Another address moves the partner's clock a generation on: the first one is now in the old generation.
    w.observe(click({ ip: '81.2.69.201', timestamp: t0 + 301_000 }));
    const moved = w.observe(click({ ip, userAgent: 'ua-3', timestamp: t0 + 302_000 }));
    expect(moved.ipUserAgents).toBe(3);
    const again = w.observe(click({ ip, userAgent: 'ua-3', timestamp: t0 + 303_000 }));
    // Flood window (60 s): the clicks at 250, 302 and 303 s; one earlier click with the same fingerprint.
    expect([again.ipUserAgents, again.ipPartnerClicks, again.sameFingerprint]).toEqual([3, 3, 1]);
  });

  it('agrees with a plain reference model on an in-order stream with sparse and dense partners', () => {
    // The reference keeps every click (no generations, no bounds) and applies the window
    // definitions literally; the windows must give the same answers for in-order clicks, when
    // their old generation is searched and when it is skipped as too old to count.
    const windows = new ClickWindows(resolveWindowConfig());
    const config = resolveWindowConfig();
    const history = new Map<string, { t: number; ua: string; fingerprint: string }[]>();
    const ids = new Map<string, { last: number; count: number }>();
    const prints = new Map<string, { last: number; count: number }>();
    const bump = (map: Map<string, { last: number; count: number }>, key: string, t: number, windowMs: number): number => {
      const seen = map.get(key);
      const earlier = seen === undefined || t - seen.last > windowMs ? 0 : seen.count;
      map.set(key, { last: t, count: earlier + 1 });
      return earlier;
    };
    let seed = 11;
    const next = (n: number): number => (seed = (seed * 48_271) % 2_147_483_647) % n;
    let t = t0;
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      // Mostly seconds apart, sometimes minutes (past the duplicate and flood windows), now and
      // then past the rotation window, so that generations rotate with keys both fresh and stale.
      const gap = next(100);
      t += gap < 80 ? next(3000) : gap < 97 ? next(120_000) : 250_000 + next(200_000);
      const partnerId = `p${next(100) < 70 ? 0 : 1 + next(6)}`;
      const c = { clickId: `c${next(3000)}`, timestamp: t, partnerId, ip: `81.2.69.${next(40)}`, userAgent: `ua-${next(4)}`, subId: next(2) === 0 ? 's1' : undefined, landingUrl: 'https://shop.example/a' };
      const key = `${partnerId}|${c.ip}`;
      const fingerprint = `${c.userAgent}|${c.subId ?? '-'}|${c.landingUrl}`;
      const past = history.get(key) ?? [];
      past.push({ t, ua: c.userAgent, fingerprint });
      history.set(key, past);
      const expected = [
        past.filter((x) => x.t >= t - config.floodWindowSeconds * 1000).length,
        new Set(past.filter((x) => x.t >= t - config.rotationWindowSeconds * 1000).map((x) => x.ua)).size,
        bump(ids, `${partnerId}|${c.clickId}`, t, config.duplicateWindowSeconds * 1000),
        bump(prints, `${key}|${fingerprint}`, t, config.duplicateWindowSeconds * 1000),
      ];
      const f = windows.observe(c);
      const got = [f.ipPartnerClicks, f.ipUserAgents, f.sameClickId, f.sameFingerprint];
      if (got.join() !== expected.join()) mismatches.push(`click ${i}: ${got.join()} vs ${expected.join()}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // The stream exercised what it is meant to: repeats counted in every window.
    expect(ids.size).toBeGreaterThan(1000);
  });

  it("keeps an address's user agents when its other state has gone stale (late clicks reach back; the cap drops the first seen)", () => {
    // Both sequences from a review: skipping an old generation whose times were all outside the
    // windows lost the address's user agents, which only the cap ever drops.
    const late = new ClickWindows(resolveWindowConfig());
    late.observe(click({ ip: '81.2.69.70', userAgent: 'A', timestamp: t0 }));
    late.observe(click({ ip: '81.2.69.71', timestamp: t0 + 300_000 }));
    late.observe(click({ ip: '81.2.69.70', userAgent: 'B', timestamp: t0 + 300_001 }));
    // 2 ms late: A, at t0, is inside its 300-second window.
    expect(late.observe(click({ ip: '81.2.69.70', userAgent: 'C', timestamp: t0 + 299_999 })).ipUserAgents).toBe(3);

    const capped = new ClickWindows(resolveWindowConfig({ maxAgentsPerKey: 2 }));
    capped.observe(click({ ip: '81.2.69.72', userAgent: 'A', timestamp: t0 }));
    capped.observe(click({ ip: '81.2.69.73', timestamp: t0 + 300_000 }));
    capped.observe(click({ ip: '81.2.69.72', userAgent: 'B', timestamp: t0 + 300_001 }));
    capped.observe(click({ ip: '81.2.69.72', userAgent: 'A', timestamp: t0 + 500_000 }));
    // The list is [A, B] in first-seen order, so C drops A, and B (seen at 300 001) is out of the window.
    expect(capped.observe(click({ ip: '81.2.69.72', userAgent: 'C', timestamp: t0 + 600_002 })).ipUserAgents).toBe(1);
  });

  it('saturates at maxEventsPerKey and maxAgentsPerKey, dropping the oldest first', () => {
    const w = new ClickWindows(resolveWindowConfig({ maxEventsPerKey: 3, maxAgentsPerKey: 2 }));
    const at = (i: number, over: Partial<WindowedClick> = {}): number[] => {
      const f = w.observe(click({ ip: '81.2.69.50', userAgent: 'ua-1', landingUrl: `https://shop.example/${i}`, timestamp: t0 + i * 100, ...over }));
      return [f.ipPartnerClicks, f.ipUserAgents, f.sameFingerprint];
    };
    // Flood counts stop at 3 kept times; every click here has its own fingerprint.
    expect([0, 1, 2, 3, 4].map((i) => at(i)[0])).toEqual([1, 2, 3, 3, 3]);
    // A second and third user agent: at most two are kept, the first one added is dropped.
    expect(at(5, { userAgent: 'ua-2' })[1]).toBe(2);
    expect(at(6, { userAgent: 'ua-3' })[1]).toBe(2);
    expect(at(7, { userAgent: 'ua-1' })[1]).toBe(2);
    // Fingerprints: three kept, least recently seen dropped first. Landing pages 0-7 were seen
    // once each, so only 5, 6 and 7 are left; 7 and 6 are repeats, 0 is not any more.
    expect(at(7, { userAgent: 'ua-1', timestamp: t0 + 800 })[2]).toBe(1);
    expect(at(6, { userAgent: 'ua-3', timestamp: t0 + 900 })[2]).toBe(1);
    expect(at(0, { timestamp: t0 + 1000 })[2]).toBe(0);
  });

  it('starts a forgotten address afresh in a reused table, with none of its old state', () => {
    const w = new ClickWindows(resolveWindowConfig());
    const ip = '81.2.69.210';
    const burst = (from: number): number[] => {
      let last: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const f = w.observe(click({ ip, userAgent: `ua-${i}`, clickId: `id-${from}-${i}`, landingUrl: 'https://shop.example/a', timestamp: t0 + from + i }));
        last = [f.ipPartnerClicks, f.ipUserAgents, f.sameFingerprint, f.sameClickId];
      }
      return last;
    };
    expect(burst(0)).toEqual([4, 4, 0, 0]);
    // Each round: other addresses move the clock two generations on (both tables are emptied and
    // reused), then the same address bursts again and must count only its new clicks.
    for (let round = 1; round <= 20; round += 1) {
      const from = round * 700_000;
      for (let i = 0; i < 3; i += 1) w.observe(click({ ip: `10.2.${round}.${i}`, timestamp: t0 + from - 400_000 + i * 200_000 }));
      expect(burst(from)).toEqual([4, 4, 0, 0]);
    }
  });

  it('bounds the partners it keeps: one click each from 20 000 partner ids leaves at most maxPartners', () => {
    const w = new ClickWindows(resolveWindowConfig({ maxPartners: 1000 }));
    for (let i = 0; i < 20_000; i += 1) w.observe(click({ partnerId: `p${i}`, timestamp: t0 + i * 1000 }));
    expect(w.partnerCount).toBeLessThanOrEqual(1000);
    // A partner seen within the last maxPartners / 2 others keeps its state.
    w.observe(click({ partnerId: 'steady', ip: '81.2.69.99', timestamp: t0 + 20_000_000 }));
    for (let i = 0; i < 400; i += 1) w.observe(click({ partnerId: `q${i}`, timestamp: t0 + 20_000_000 + i }));
    expect(w.observe(click({ partnerId: 'steady', ip: '81.2.69.99', timestamp: t0 + 20_001_000 })).ipPartnerClicks).toBe(2);
  });

  it('bounds the keys it holds across partners, even when out-of-order times stop every window rotating', () => {
    const w = new ClickWindows(resolveWindowConfig({ maxKeys: 5000, maxKeysPerPartner: 1000 }));
    let seed = 7;
    const next = (): number => (seed = (seed * 48_271) % 2_147_483_647);
    for (let i = 0; i < 60_000; i += 1) {
      w.observe(click({ partnerId: `p${i % 50}`, clickId: `c${i}`, ip: `10.${next() & 255}.${next() & 255}.${next() & 255}`, timestamp: t0 + (next() % 86_400_000) }));
      // At most maxKeys plus what one partner may hold (two generations of two tables).
      if (i % 1000 === 999) expect(w.size).toBeLessThanOrEqual(5000 + 4 * 1000);
    }
  });

  it('keeps every partner and key when both bounds are Infinity (as the batch scan does)', () => {
    const w = new ClickWindows(resolveWindowConfig({ maxPartners: Number.POSITIVE_INFINITY, maxKeys: Number.POSITIVE_INFINITY }));
    for (let i = 0; i < 3000; i += 1) w.observe(click({ partnerId: `p${i}`, timestamp: t0 + i }));
    expect(w.partnerCount).toBe(3000);
  });

  it('is not blinded by one far-future timestamp: the next click far behind it restarts the partner', () => {
    const w = new ClickWindows(resolveWindowConfig());
    w.observe(click({ ip: '81.2.69.50', timestamp: Date.UTC(5000, 0, 1) }));
    let last = 0;
    for (let i = 0; i < 30; i += 1) last = w.observe(click({ ip: '81.2.69.51', timestamp: t0 + i * 1000 })).ipPartnerClicks;
    expect(last).toBe(30);
    // Late clicks within the hour are still compared with the window, not restarted.
    expect(w.observe(click({ ip: '81.2.69.51', timestamp: t0 + 29_000 - 30 * 60_000 })).ipPartnerClicks).toBe(1);
    expect(w.observe(click({ ip: '81.2.69.51', timestamp: t0 + 30_000 })).ipPartnerClicks).toBe(31);
  });

  it('tells fingerprints apart where the sub id ends and the landing URL begins', () => {
    const w = new ClickWindows(resolveWindowConfig());
    expect(w.observe(click({ subId: 'a', landingUrl: 'b' })).sameFingerprint).toBe(0);
    expect(w.observe(click({ subId: 'ab', landingUrl: '' })).sameFingerprint).toBe(0);
    expect(w.observe(click({ subId: 'ab', landingUrl: undefined })).sameFingerprint).toBe(0);
    expect(w.observe(click({ subId: undefined, landingUrl: 'ab' })).sameFingerprint).toBe(0);
    expect(w.observe(click({ subId: 'a', landingUrl: 'b' })).sameFingerprint).toBe(1);
  });

  it('rejects nonsensical bounds at setup', () => {
    expect(() => resolveWindowConfig({ floodWindowSeconds: 0 })).toThrow(/positive/u);
    expect(() => resolveWindowConfig({ maxKeysPerPartner: 1.5 })).toThrow(/integer/u);
  });
});
