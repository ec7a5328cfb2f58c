/**
 * The shape of the generated traffic: audience regions and their hours, site names, offers,
 * addresses inside sample ranges, browser client hints and navigation headers, and the
 * malformed rows mixed into the stream.
 * @module
 */
import type { PartnerInfo } from '../../src/clicks/types.js';
import type { SampleBrowser, SampleRange } from './data.js';
import type { FraudType, ProgramRecord } from './types.js';
import { cumulative, type Random } from './random.js';

export interface Region {
  readonly id: string;
  readonly share: number;
  readonly utcOffset: number;
  readonly language: string;
}

export const REGIONS: readonly Region[] = [
  { id: 'us', share: 0.45, utcOffset: -5, language: 'en-US,en;q=0.9' },
  { id: 'de', share: 0.15, utcOffset: 1, language: 'de-DE,de;q=0.9,en;q=0.8' },
  { id: 'gb', share: 0.15, utcOffset: 0, language: 'en-GB,en;q=0.9' },
  { id: 'fr', share: 0.1, utcOffset: 1, language: 'fr-FR,fr;q=0.9,en;q=0.7' },
  { id: 'it', share: 0.05, utcOffset: 1, language: 'it-IT,it;q=0.9,en;q=0.6' },
  { id: 'jp', share: 0.05, utcOffset: 9, language: 'ja-JP,ja;q=0.9' },
  { id: 'br', share: 0.05, utcOffset: -3, language: 'pt-BR,pt;q=0.9,en;q=0.6' },
];
export const REGION_CUMULATIVE = cumulative(REGIONS.map((r) => r.share));

// A typical consumer-web shape by local hour (trough before dawn, peak in the evening);
// an illustrative curve, not measured data.
export const DIURNAL = [0.45, 0.3, 0.22, 0.18, 0.17, 0.2, 0.32, 0.5, 0.7, 0.85, 0.95, 1.0, 1.02, 1.0, 0.98, 0.97, 1.0, 1.05, 1.12, 1.22, 1.3, 1.25, 1.0, 0.7];
export const DIURNAL_MEAN = DIURNAL.reduce((a, b) => a + b, 0) / 24;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const ATTRIBUTION_WINDOW = 7 * DAY;

export const ADJECTIVES = ['smart', 'daily', 'happy', 'green', 'urban', 'tiny', 'bright', 'savvy', 'cozy', 'wild', 'frugal', 'modern', 'honest', 'clever', 'golden'];
export const NOUNS = ['deals', 'reviews', 'kitchen', 'travel', 'gadgets', 'parenting', 'fitness', 'coupons', 'garden', 'style', 'tech', 'outdoors', 'budget', 'home', 'pets'];
export const STUFFING_HOSTS = ['forum-hub.example', 'free-wallpapers.example', 'lyrics-now.example', 'imgshare.example', 'torrent-index.example'];
export const SOCIAL_REFERRERS = ['https://t.co/', 'https://l.facebook.com/', 'https://www.pinterest.com/', 'https://www.reddit.com/'];
export const OFFERS = ['o-shoes', 'o-laptop', 'o-vpn', 'o-mattress', 'o-meal-kit', 'o-insurance', 'o-course', 'o-phone-plan'];

export interface User {
  readonly ip: string;
  readonly ua: string;
  readonly browser: SampleBrowser | undefined;
  readonly deviceId: string;
  readonly language: string;
}

export interface Partner {
  readonly info: PartnerInfo;
  readonly domain: string;
  readonly label: FraudType | 'clean';
  readonly region: Region;
  /** Expected clicks per day. */
  readonly daily: number;
  /** Conversion probability per click. */
  readonly cr: number;
  readonly loyalty: boolean;
  readonly usesSubIds: boolean;
  /** Clicks start here (joinedAt for new partners). */
  readonly activeFrom: number;
  /** Fixed addresses for flooders and bot farms. */
  readonly pool: readonly string[];
  readonly recent: User[];
}

const PREFIXES = new WeakMap<SampleRange, string>();

export function ipIn(rng: Random, range: SampleRange): string {
  let prefix = PREFIXES.get(range);
  if (prefix === undefined) {
    const [a, b] = range.cidr.split('.');
    prefix = `${a}.${b}.`;
    PREFIXES.set(range, prefix);
  }
  return `${prefix}${rng.int(256)}.${1 + rng.int(254)}`;
}

// Client hints depend only on the user agent; computed once per distinct UA (the lists are short).
const HINTS = new Map<string, readonly [string, string, string] | null>();

export function chromiumHints(ua: string, mobile: boolean): readonly [string, string, string] | null {
  const key = `${mobile ? 'm' : 'd'}${ua}`;
  const cached = HINTS.get(key);
  if (cached !== undefined) return cached;
  // Only Chromium browsers send client hints; Firefox and Safari do not.
  const m = /Chrome\/(\d+)/u.exec(ua);
  let hints: readonly [string, string, string] | null = null;
  if (m !== null && !ua.includes('Firefox') && !ua.includes('iPhone')) {
    const v = m[1]!;
    const brand = ua.includes('Edg/') ? 'Microsoft Edge' : ua.includes('OPR/') ? 'Opera' : ua.includes('SamsungBrowser') ? 'Samsung Internet' : 'Google Chrome';
    const platform = ua.includes('Windows') ? 'Windows' : ua.includes('Macintosh') ? 'macOS' : ua.includes('Android') ? 'Android' : 'Linux';
    hints = [`"${brand}";v="${v}", "Chromium";v="${v}", "Not_A Brand";v="24"`, mobile ? '?1' : '?0', `"${platform}"`];
  }
  HINTS.set(key, hints);
  return hints;
}

export function navigationHeaders(user: User, activated: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'accept-language': user.language,
    'sec-fetch-dest': 'document',
    'sec-fetch-mode': 'navigate',
    'sec-fetch-site': 'cross-site',
  };
  if (activated) headers['sec-fetch-user'] = '?1';
  const hints = user.browser === undefined ? null : chromiumHints(user.ua, user.browser.device === 'mobile');
  if (hints !== null) {
    headers['sec-ch-ua'] = hints[0];
    headers['sec-ch-ua-mobile'] = hints[1];
    headers['sec-ch-ua-platform'] = hints[2];
  }
  return headers;
}


// Malformed rows in a fixed rotation, each with the reason the reader should give.
export function badClick(k: number, t0: number): ProgramRecord {
  const base = { clickId: `bad${k}`, timestamp: t0, partnerId: 'p001', ip: '73.1.2.3', userAgent: 'Mozilla/5.0' };
  switch (k % 4) {
    case 0:
      return { kind: 'bad-click', line: JSON.stringify(base).slice(0, 40), reason: 'invalid_json' };
    case 1:
      return { kind: 'bad-click', line: JSON.stringify({ ...base, ip: undefined }), reason: 'missing_field:ip' };
    case 2:
      return { kind: 'bad-click', line: JSON.stringify({ ...base, timestamp: 'yesterday' }), reason: 'invalid_timestamp:timestamp' };
    default:
      return { kind: 'bad-click', line: JSON.stringify({ ...base, partnerId: '' }), reason: 'missing_field:partnerId' };
  }
}

export function badConversion(k: number, t0: number): ProgramRecord {
  const base = { conversionId: `badv${k}`, clickId: 'c0000001', partnerId: 'p001', timestamp: t0, amount: 10 };
  return k % 2 === 0
    ? { kind: 'bad-conversion', line: JSON.stringify({ ...base, amount: 'ten' }), reason: 'invalid_field:amount' }
    : { kind: 'bad-conversion', line: JSON.stringify({ ...base, clickId: undefined }), reason: 'missing_field:clickId' };
}

