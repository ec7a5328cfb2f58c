import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyCrawlerClaim } from '../../src/signals/crawler-verification.js';
import { createIpClassifier } from '../../src/signals/ip.js';
import { SNAPSHOT_DIR } from './ip-snapshots.js';

const googlebotList = new URL('crawlers/googlebot.json', SNAPSHOT_DIR);
const bingbotList = new URL('crawlers/bingbot-ipv4.txt', SNAPSHOT_DIR);

describe('verifyCrawlerClaim', () => {
  it('cannot call a claim spoofed when the operator\'s ranges are not loaded (a fresh, offline machine)', () => {
    expect(verifyCrawlerClaim('Googlebot', undefined, new Set())).toBe('unverifiable');
    expect(verifyCrawlerClaim('Googlebot', 'asn:hosting-asns', new Set(['aws']))).toBe('unverifiable');
  });

  it('does not verify crawlers that publish no ranges', () => {
    expect(verifyCrawlerClaim('facebookexternalhit', undefined, new Set(['googlebot']))).toBe('unverifiable');
  });

  it('verifies by operator: any of Google\'s lists verifies any Google crawler; another operator\'s list does not', () => {
    const loaded = new Set(['googlebot', 'google-special-crawlers', 'bingbot']);
    expect(verifyCrawlerClaim('Googlebot', 'googlebot', loaded)).toBe('verified');
    expect(verifyCrawlerClaim('Google-InspectionTool', 'google-special-crawlers', loaded)).toBe('verified');
    expect(verifyCrawlerClaim('googlebot', 'bingbot', loaded)).toBe('spoofed');
    expect(verifyCrawlerClaim('Googlebot', 'aws', loaded)).toBe('spoofed');
    expect(verifyCrawlerClaim('Bingbot', 'bingbot', loaded)).toBe('verified');
    expect(verifyCrawlerClaim('GPTBot', undefined, loaded)).toBe('unverifiable');
  });

  it.skipIf(!existsSync(googlebotList))('agrees with classifyIp over the published Googlebot and Bingbot lists', () => {
    const ips = createIpClassifier({
      dir: false,
      asnDatabase: false,
      lists: [
        { id: 'googlebot', format: 'google-json', network: 'crawler', name: 'Googlebot', text: readFileSync(googlebotList, 'utf8') },
        { id: 'bingbot', format: 'cidr-list', network: 'crawler', name: 'Bingbot', text: readFileSync(bingbotList, 'utf8') },
      ],
    });
    const loaded = new Set(ips.status.lists.filter((l) => l.entries > 0).map((l) => l.id));
    const source = (ip: string) => {
      const info = ips.classify(ip);
      return info.valid ? info.source : undefined;
    };
    const google = JSON.parse(readFileSync(googlebotList, 'utf8')) as { prefixes: Array<{ ipv4Prefix?: string }> };
    const firstV4 = google.prefixes.find((p) => p.ipv4Prefix !== undefined)!.ipv4Prefix!.split('/')[0]!;
    expect(verifyCrawlerClaim('Googlebot', source(firstV4), loaded)).toBe('verified');
    expect(verifyCrawlerClaim('Googlebot', source('203.0.113.9'), loaded)).toBe('spoofed');
    expect(verifyCrawlerClaim('Googlebot', source('8.8.8.8'), loaded)).toBe('spoofed');
  });
});
