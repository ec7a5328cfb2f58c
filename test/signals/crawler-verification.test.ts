import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyCrawlerClaim } from '../../src/signals/crawler-verification.js';
import { createIpClassifier } from '../../src/signals/ip.js';
import { SNAPSHOT_DIR } from './ip-snapshots.js';

const at = (source: string | undefined, asn?: number) => ({ source, asn });

const googlebotList = new URL('crawlers/googlebot.json', SNAPSHOT_DIR);
const bingbotList = new URL('crawlers/bingbot-ipv4.txt', SNAPSHOT_DIR);

describe('verifyCrawlerClaim', () => {
  it('cannot call a claim spoofed when the operator\'s ranges are not loaded (a fresh, offline machine)', () => {
    expect(verifyCrawlerClaim('Googlebot', at(undefined), new Set())).toBe('unverifiable');
    expect(verifyCrawlerClaim('GPTBot', at('asn:hosting-asns', 16509), new Set(['aws']))).toBe('unverifiable');
  });

  it('without the lists, disproves operators that crawl only from their own networks by the announcing ASN', () => {
    expect(verifyCrawlerClaim('Googlebot', at('asn:hosting-asns', 15169), new Set())).toBe('unverifiable');
    expect(verifyCrawlerClaim('Googlebot', at('asn:hosting-asns', 16509), new Set())).toBe('spoofed');
    expect(verifyCrawlerClaim('Bingbot', at(undefined, 8075), new Set())).toBe('unverifiable');
    expect(verifyCrawlerClaim('Applebot', at(undefined, 3320), new Set())).toBe('spoofed');
  });

  it('does not verify crawlers that publish no ranges', () => {
    expect(verifyCrawlerClaim('facebookexternalhit', at(undefined), new Set(['googlebot']))).toBe('unverifiable');
  });

  it('verifies by operator: any of Google\'s lists verifies any Google crawler; another operator\'s list does not', () => {
    const loaded = new Set(['googlebot', 'google-special-crawlers', 'bingbot']);
    expect(verifyCrawlerClaim('Googlebot', at('googlebot'), loaded)).toBe('verified');
    expect(verifyCrawlerClaim('Google-InspectionTool', at('google-special-crawlers'), loaded)).toBe('verified');
    expect(verifyCrawlerClaim('googlebot', at('bingbot'), loaded)).toBe('spoofed');
    expect(verifyCrawlerClaim('Googlebot', at('aws'), loaded)).toBe('spoofed');
    expect(verifyCrawlerClaim('Bingbot', at('bingbot'), loaded)).toBe('verified');
    expect(verifyCrawlerClaim('GPTBot', at(undefined), loaded)).toBe('unverifiable');
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
      return at(info.valid ? info.source : undefined);
    };
    const google = JSON.parse(readFileSync(googlebotList, 'utf8')) as { prefixes: Array<{ ipv4Prefix?: string }> };
    const firstV4 = google.prefixes.find((p) => p.ipv4Prefix !== undefined)!.ipv4Prefix!.split('/')[0]!;
    expect(verifyCrawlerClaim('Googlebot', source(firstV4), loaded)).toBe('verified');
    expect(verifyCrawlerClaim('Googlebot', source('203.0.113.9'), loaded)).toBe('spoofed');
    expect(verifyCrawlerClaim('Googlebot', source('8.8.8.8'), loaded)).toBe('spoofed');
  });
});
