import { describe, expect, it } from 'vitest';
import { agentSlot } from '../../src/clicks/agent-cache.js';
import { createEnricher, type Enricher } from '../../src/clicks/enrich.js';
import type { Click } from '../../src/clicks/types.js';
import { resolveWindowConfig } from '../../src/clicks/windows/config.js';
import { MemoryWindowStore as ClickWindows } from '../../src/clicks/windows/memory-store.js';
import { windowKeysOf } from '../../src/clicks/windows/store.js';

const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const t0 = Date.UTC(2026, 5, 1, 12);

function click(n: number, userAgent: string, headers?: Record<string, string>): Click {
  return { clickId: `c${n}`, timestamp: t0 + n * 1000, partnerId: 'p1', ip: '81.2.69.160', userAgent, ...(headers === undefined ? {} : { headers }) };
}

/** The pipeline's first stages: observe the windows, then enrich with what they held. */
function enrichThrough(enricher: Enricher, c: Click, windows: ClickWindows) {
  const entry = enricher.agentEntry(c);
  return enricher.enrich(c, entry, windows.observe(c, { ...windowKeysOf(c), agent: entry.hash }));
}

/** The agent feature a fresh enricher (empty caches) gives each click: the answer without any caching. */
function uncached(c: Click): unknown {
  return enrichThrough(createEnricher(), c, new ClickWindows(resolveWindowConfig({}))).agent;
}

/** Sampled positions of `agentSlot` for a string of length n. */
function sampled(n: number): Set<number> {
  const out = new Set<number>();
  for (let k = 0; k < 8; k += 1) out.add((n * k) >> 3);
  return out;
}

describe('the user-agent caches of click enrichment', () => {
  it('tells apart two user agents that share a front slot', () => {
    // Break "Googlebot" at a character the slot does not read: same length, same slot.
    const at = [...googlebot].findIndex((_, i) => i > googlebot.indexOf('Googlebot') && i < googlebot.indexOf('/2.1') && !sampled(googlebot.length).has(i));
    const lookalike = `${googlebot.slice(0, at)}x${googlebot.slice(at + 1)}`;
    expect(lookalike).not.toBe(googlebot);
    expect(agentSlot(lookalike)).toBe(agentSlot(googlebot));

    const enricher = createEnricher();
    const windows = new ClickWindows(resolveWindowConfig({}));
    const agents = [googlebot, lookalike, googlebot, lookalike, lookalike, googlebot].map((ua, n) => {
      const c = click(n, ua);
      const agent = enrichThrough(enricher, c, windows).agent;
      expect(agent).toEqual(uncached(c));
      return agent;
    });
    // The two really classify apart, so a slot that handed one the other's answer would fail above.
    expect(agents[0]).not.toEqual(agents[1]);
    expect(agents[0]).toMatchObject({ kind: 'bot', name: 'Googlebot' });
  });

  it('answers each client-hint set of one user agent by its own hints, across the memo and a full per-agent cache', () => {
    const plain = { 'sec-ch-ua': '"Google Chrome";v="124", "Chromium";v="124", "Not-A.Brand";v="99"', 'sec-ch-ua-platform': '"Windows"', 'sec-ch-ua-mobile': '?0' };
    const headless = { ...plain, 'sec-ch-ua': '"HeadlessChrome";v="124", "Chromium";v="124", "Not-A.Brand";v="99"' };
    const onMac = { ...plain, 'sec-ch-ua-platform': '"macOS"' };
    // 70 distinct brand lists overflow the 64 hint sets kept per agent, so its hint cache starts over midway.
    const many = Array.from({ length: 70 }, (_, i) => ({ ...plain, 'sec-ch-ua': `"Google Chrome";v="124", "Chromium";v="124", "Brand ${i}";v="99"` }));
    const sequence = [plain, headless, plain, plain, onMac, headless, undefined, ...many, headless, plain, onMac, headless];
    const enricher = createEnricher();
    const windows = new ClickWindows(resolveWindowConfig({}));
    const seen = new Set<string>();
    sequence.forEach((headers, n) => {
      const c = click(n, chrome, headers);
      const agent = enrichThrough(enricher, c, windows).agent;
      expect(agent).toEqual(uncached(c));
      seen.add(JSON.stringify(agent));
    });
    // Hints change the answer (headless, platform), so handing one hint set another's answer would fail above.
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it('gives the same answers when its character budget keeps emptying the cache', () => {
    const hints: (Record<string, string> | undefined)[] = [undefined, { 'sec-ch-ua': '"HeadlessChrome";v="124", "Chromium";v="124"', 'sec-ch-ua-platform': '"Linux"' }, { 'sec-ch-ua': '"Google Chrome";v="124"' }];
    const enricher = createEnricher({ agentCacheBytes: 3000 });
    const windows = new ClickWindows(resolveWindowConfig({}));
    for (let n = 0; n < 30; n += 1) {
      const c = click(n, [chrome, googlebot, 'curl/8.4.0'][n % 3]!, hints[Math.floor(n / 3) % 3]);
      expect(enrichThrough(enricher, c, windows).agent).toEqual(uncached(c));
    }
  });
});

describe('the referrer feature', () => {
  it('gives the host of an awkward referrer and the declared domains as plain data', () => {
    const windows = new ClickWindows(resolveWindowConfig({}));
    const enricher = createEnricher({ partners: [{ partnerId: 'p1', siteDomains: ['Coupons.Example.'] }] });
    const f = enrichThrough(enricher, { ...click(1, chrome), referrer: 'https://user@Deals.Coupons.example:8443/path?q=1' }, windows);
    expect(f.referrer.host).toBe('deals.coupons.example');
    expect(f.referrer.declaredDomains).toEqual(['coupons.example']);
    // Plain own properties: custom rules may spread, clone or serialise features.
    expect({ ...f.referrer }).toEqual({ host: 'deals.coupons.example', declaredDomains: ['coupons.example'] });
    expect(structuredClone(f.referrer)).toEqual({ host: 'deals.coupons.example', declaredDomains: ['coupons.example'] });
    const none = enrichThrough(createEnricher(), click(2, chrome), windows).referrer;
    expect({ ...none }).toEqual({ host: null, declaredDomains: null });
  });
});
