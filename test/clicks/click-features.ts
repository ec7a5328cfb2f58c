/** Builds ClickFeatures for rule tests: an ordinary browser click from a consumer network, with overrides. */
import type { ClickFeatures } from '../../src/clicks/features.js';

type Overrides = { [K in keyof ClickFeatures]?: ClickFeatures[K] extends object ? Partial<ClickFeatures[K]> | null : ClickFeatures[K] };

export function clickFeatures(overrides: Overrides = {}): ClickFeatures {
  const base: ClickFeatures = {
    clickId: 'c1',
    partnerId: 'p1',
    timestamp: 1_700_000_000_000,
    address: '81.2.69.160',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    agent: { kind: 'browser', category: undefined, name: 'Chrome', signals: [] },
    ip: { valid: true, scope: 'public', network: 'unknown', provider: undefined, source: undefined, asn: undefined },
    spoofedCrawler: null,
    activation: { logged: false, user: undefined, dest: undefined, mode: undefined, site: undefined },
    referrer: { host: null, declaredDomains: null },
    window: { ipPartnerClicks: 1, floodWindowSeconds: 60, ipUserAgents: 1, rotationWindowSeconds: 300, sameClickId: 0, sameFingerprint: 0, duplicateWindowSeconds: 10 },
  };
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = (base as unknown as Record<string, unknown>)[key];
    out[key] = value !== null && typeof value === 'object' && current !== null && typeof current === 'object' ? { ...current, ...value } : value;
  }
  return out as unknown as ClickFeatures;
}
