import { describe, expect, it } from 'vitest';
import { createClickScreener } from '../../src/builtin.js';
import { InputError } from '../../src/engine/errors.js';
import type { Click } from '../../src/clicks/types.js';
import { classifyUserAgent as classifyUserAgentForTest } from '../../src/signals/user-agent.js';
import { expectScoreIsSumOfHits } from '../helpers/report-assertions.js';

const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const t0 = Date.UTC(2026, 5, 1, 12);

function click(over: Partial<Click> = {}): Click {
  return { clickId: `c${Math.random()}`, timestamp: t0, partnerId: 'p1', ip: '81.2.69.160', userAgent: chrome, ...over };
}

describe('createClickScreener', () => {
  it('allows an ordinary click with score 0 and the traffic rule set', () => {
    const s = createClickScreener();
    const v = s.score(click({ clickId: 'a' }));
    expect(v).toMatchObject({ subject: 'click', clickId: 'a', partnerId: 'p1', action: 'allow', score: 0, hits: [] });
    expect(v.ruleSet.id).toBe('traffic');
  });

  it('blocks a bot agent, with the score equal to the sum of hits', () => {
    const v = createClickScreener().score(click({ userAgent: 'python-requests/2.31.0' }));
    expect(v.hits.map((h) => h.rule)).toContain('click/bot-agent');
    expect(v.action).toBe('block');
    expectScoreIsSumOfHits(v);
  });

  it('sizes the flood window from the rule set and flags the 11th click in a minute', () => {
    const s = createClickScreener({ ruleSet: { id: 't', version: '1', subject: 'traffic', extends: 'traffic', rules: { 'click/flood-ip': { options: { windowSeconds: 30, maxClicks: 10 } } } } });
    expect(s.windows.floodWindowSeconds).toBe(30);
    const verdicts = Array.from({ length: 11 }, (_, i) => s.score(click({ clickId: `f${i}`, timestamp: t0 + i * 1000 })));
    expect(verdicts[9]!.hits.some((h) => h.rule === 'click/flood-ip')).toBe(false);
    const last = verdicts[10]!;
    expect(last.hits.find((h) => h.rule === 'click/flood-ip')?.evidence).toMatchObject({ clicks: 11, windowSeconds: 30 });
    // Outside the window the count starts over.
    const later = s.score(click({ clickId: 'late', timestamp: t0 + 100_000 }));
    expect(later.hits.some((h) => h.rule === 'click/flood-ip')).toBe(false);
  });

  it('keeps windows per partner: the same IP on another partner is not a flood', () => {
    const s = createClickScreener();
    for (let i = 0; i < 11; i += 1) s.score(click({ clickId: `x${i}`, timestamp: t0 + i }));
    const other = s.score(click({ clickId: 'y', partnerId: 'p2', timestamp: t0 + 20 }));
    expect(other.hits.some((h) => h.rule === 'click/flood-ip')).toBe(false);
  });

  it('detects a duplicate click id and UA rotation', () => {
    const s = createClickScreener();
    s.score(click({ clickId: 'same' }));
    expect(s.score(click({ clickId: 'same', timestamp: t0 + 500 })).hits.map((h) => h.messageId)).toContain('sameClickId');
    let last;
    for (let i = 0; i < 6; i += 1) last = s.score(click({ clickId: `r${i}`, ip: '81.2.69.161', userAgent: `${chrome} v${i}`, timestamp: t0 + i * 1000 }));
    expect(last!.hits.find((h) => h.rule === 'click/ua-rotation')?.evidence).toMatchObject({ userAgents: 6 });
  });

  it('reads sec-fetch headers only when logged and flags an iframe load', () => {
    const s = createClickScreener();
    const stuffed = s.score(click({ headers: { 'sec-fetch-dest': 'iframe', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'cross-site' } }));
    expect(stuffed.hits.find((h) => h.rule === 'click/no-user-activation')?.messageId).toBe('embedded');
    const real = s.score(click({ ip: '81.2.69.170', headers: { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate', 'sec-fetch-user': '?1' } }));
    expect(real.hits).toEqual([]);
  });

  it('checks the referrer against declared domains', () => {
    const s = createClickScreener({ partners: [{ partnerId: 'p1', siteDomains: ['Deals.Example'] }] });
    expect(s.score(click({ referrer: 'https://www.deals.example/post/1' })).hits).toEqual([]);
    expect(s.score(click({ ip: '81.2.69.171', referrer: 'https://other.example/' })).hits[0]?.evidence).toMatchObject({ referrerHost: 'other.example' });
  });

  it('keeps memory bounded per partner', () => {
    const s = createClickScreener({ windows: { maxKeysPerPartner: 100 } });
    for (let i = 0; i < 5000; i += 1) s.score(click({ clickId: `m${i}`, ip: `10.0.${i >> 8}.${i & 255}`, timestamp: t0 + i }));
    expect(s.windows.maxKeysPerPartner).toBe(100);
  });
});

describe('crawler claims', () => {
  const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
  const spoofed = (v: ReturnType<ReturnType<typeof createClickScreener>['score']>) => v.hits.some((h) => h.rule === 'click/spoofed-crawler');

  it('with only the offline data, calls a Googlebot on another network spoofed but not one on Google\'s own', () => {
    const s = createClickScreener();
    // 3.5.140.2 is announced by Amazon (AS16509); 66.249.66.1 by Google (AS15169), where Googlebot crawls from.
    const aws = s.score(click({ clickId: 'g1', userAgent: googlebot, ip: '3.5.140.2' }));
    expect(spoofed(aws)).toBe(true);
    expect(aws.hits.find((h) => h.rule === 'click/spoofed-crawler')?.evidence).toMatchObject({ claimed: 'Googlebot', ip: '3.5.140.2', network: 'hosting' });
    expect(spoofed(s.score(click({ clickId: 'g2', userAgent: googlebot, ip: '66.249.66.1' })))).toBe(false);
  });

  it('checks against the published ranges when the host loaded them', () => {
    const ips = (ip: string) =>
      ip === '66.249.66.1'
        ? ({ valid: true, scope: 'public', network: 'crawler', name: 'Googlebot', source: 'googlebot', asn: 15169 } as const)
        : ({ valid: true, scope: 'public', network: 'unknown', name: undefined, source: undefined, asn: 15169 } as const);
    const signals = { classifyUserAgent: classifyUserAgentForTest, classifyIp: ips, loadedIpLists: new Set(['googlebot']) };
    const s = createClickScreener({ signals });
    expect(spoofed(s.score(click({ clickId: 'g3', userAgent: googlebot, ip: '66.249.66.1' })))).toBe(false);
    // Google's own ASN, but outside the published Googlebot ranges.
    expect(spoofed(s.score(click({ clickId: 'g4', userAgent: googlebot, ip: '66.102.0.1' })))).toBe(true);
  });
});

describe('createClickScreener: clicks that are not clicks', () => {
  it('throws an InputError naming the problem, not a TypeError, and keeps scoring afterwards', () => {
    const s = createClickScreener();
    const bad: unknown[] = [{}, null, 'c1', [], { ...click(), ip: undefined }, { ...click(), timestamp: 'yesterday' }, { ...click(), partnerId: 42 }];
    const messages = bad.map((b) => {
      try {
        s.score(b as Click);
        return 'accepted';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    for (const m of messages) expect(m).toMatch(/^InputError: screener\.score/u);
    expect(messages[4]).toMatch(/missing_field:ip/u);
    expect(messages[5]).toMatch(/invalid_timestamp:timestamp/u);
    expect(s.score(click({ clickId: 'fine' })).action).toBe('allow');
  });

  it('reads an ISO 8601 string or a Date timestamp as the scan does', () => {
    const s = createClickScreener();
    const at = Date.UTC(2026, 5, 1, 12);
    expect(s.score({ ...click({ clickId: 'iso' }), timestamp: '2026-06-01T12:00:00Z' } as unknown as Click).timestamp).toBe(at);
    expect(s.score({ ...click({ clickId: 'date' }), timestamp: new Date(at) } as unknown as Click).timestamp).toBe(at);
  });

  it('reads header names case-insensitively', () => {
    const s = createClickScreener();
    const mixed = s.score(click({ clickId: 'mixed', ip: '81.2.69.143', headers: { 'Sec-Fetch-Dest': 'iframe' } }));
    const lower = s.score(click({ clickId: 'lower', ip: '81.2.69.144', headers: { 'sec-fetch-dest': 'iframe' } }));
    expect(lower.score).toBeGreaterThan(0);
    expect(mixed.score).toBe(lower.score);
    expect(mixed.hits.map((h) => h.rule)).toEqual(lower.hits.map((h) => h.rule));
  });
});

describe('a click object that changes while read', () => {
  it('is read once at the boundary: getters that answer differently on each read cannot fail deep in the screener', () => {
    const screener = createClickScreener();
    const reads = { ip: 0, userAgent: 0, headers: 0 };
    const shifty = {
      clickId: 'c-shifty',
      timestamp: Date.UTC(2024, 4, 6),
      partnerId: 'p1',
      get ip(): unknown {
        return reads.ip++ === 0 ? '203.0.113.9' : { not: 'an address' };
      },
      get userAgent(): unknown {
        return reads.userAgent++ === 0 ? 'curl/8.4.0' : 42;
      },
      headers: {
        get 'sec-fetch-dest'(): unknown {
          return reads.headers++ === 0 ? 'document' : Symbol('x');
        },
      },
    };
    const verdict = screener.score(shifty as never);
    expect(verdict.action).toBe('block');
    expect(reads).toEqual({ ip: 1, userAgent: 1, headers: 1 });
  });

  it('turns a field that throws when read into an InputError', () => {
    const screener = createClickScreener();
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect(() => screener.score(hostile as never)).toThrow(InputError);
    expect(() => screener.score(hostile as never)).toThrow(/could not be read: trap/u);
  });
});
