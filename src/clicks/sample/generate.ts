/**
 * A seeded, deterministic generator of a realistic affiliate program with labelled fraud.
 *
 * Organic partners: heavy-tailed traffic volumes (log-normal), diurnal cycles in each
 * partner's audience time zone, real browser user agents weighted by popularity,
 * consumer-ISP addresses of the audience's country, user-activated navigations
 * (`sec-fetch-user: ?1`), conversion rates drawn around a 2 % program baseline and
 * click-to-conversion times spread log-normally from minutes to days.
 *
 * Injected fraud, one label per partner:
 * - `click_flooding`: very high volume, conversion rate near zero, and the few conversions
 *   they are credited with are spread flat over the attribution window; part of the volume
 *   comes from a few addresses rotating user agents.
 * - `click_injection`: most conversions come 1–9 seconds after the click.
 * - `bot_farm`: datacenter addresses (AWS, DigitalOcean, Hetzner, …), headless and library
 *   user agents, spoofed Googlebot/bingbot, round-the-clock bursts, almost no conversions.
 * - `cookie_stuffing`: clicks without user activation (`sec-fetch-dest: iframe|image`, no
 *   `sec-fetch-user`), conversions long after the click.
 * - `inflated_conversions`: conversion rate ~10× baseline, many refunds and chargebacks, and
 *   a ring of devices converting for several such partners.
 * - `dormant`: listed in the partners metadata, no rows at all.
 *
 * The same options always give the same records, on every platform.
 * @module
 */
import type { Click, Conversion, ConversionStatus, PartnerInfo } from '../types.js';
import { sampleData, type SampleBrowser, type SampleRange } from './data.js';
import { Random, cumulative } from './random.js';

/** The fraud (or quality) label of an injected partner. Unlabelled partners are clean. */
export type FraudType = 'click_flooding' | 'click_injection' | 'bot_farm' | 'cookie_stuffing' | 'inflated_conversions' | 'dormant';

/** Every fraud type, in a fixed order. */
export const FRAUD_TYPES: readonly FraudType[] = Object.freeze([
  'click_flooding',
  'click_injection',
  'bot_farm',
  'cookie_stuffing',
  'inflated_conversions',
  'dormant',
]);

/** Options of {@link generateProgram}. */
export interface ProgramOptions {
  /** Seed; the same options and seed give the same program. Default 1. */
  seed?: number;
  /** Number of partners (clean + labelled). Default 300. */
  partners?: number;
  /** Length of the period in days. Default 7. */
  days?: number;
  /** Organic (clean-partner) clicks per day across the program; fraud comes on top. Default 5,000. */
  clicksPerDay?: number;
  /** Start of the period, epoch ms (UTC). Default 2024-05-06T00:00:00Z (a Monday). */
  start?: number;
  /** How many partners get each label. Default: 2 % of partners each (at least 1), dormant 3 %. */
  fraud?: Partial<Record<FraudType, number>>;
  /** Malformed click rows to inject, to exercise rejects. Default 12; use 0 for benchmarks. */
  badClickRows?: number;
  /** Malformed conversion rows to inject. Default 4. */
  badConversionRows?: number;
}

/** One item of the generated stream: a click, a conversion, or a deliberately malformed row. */
export type ProgramRecord =
  | { readonly kind: 'click'; readonly click: Click }
  | { readonly kind: 'conversion'; readonly conversion: Conversion }
  | { readonly kind: 'bad-click' | 'bad-conversion'; readonly line: string; readonly reason: string };

/** A generated program: metadata up front, records streamed on demand. */
export interface SampleProgram {
  /** The options used, defaults filled in. */
  readonly options: Readonly<Required<Omit<ProgramOptions, 'fraud'>> & { fraud: Readonly<Record<FraudType, number>> }>;
  /** The period covered: `[start, end)` in epoch ms. */
  readonly period: { readonly start: number; readonly end: number };
  /** Partner metadata for every partner, dormant ones included. */
  readonly partners: readonly PartnerInfo[];
  /** Partner id → label, for labelled partners only (unlisted partners are clean). */
  readonly labels: Readonly<Record<string, FraudType>>;
  /**
   * Streams the records in time order of clicks (a click's conversions follow the hour it
   * is in). Each call starts over and yields the same sequence; memory stays at one hour
   * of traffic, so 10-million-click files stream fine.
   */
  records(): Generator<ProgramRecord>;
}

interface Region {
  readonly id: string;
  readonly share: number;
  readonly utcOffset: number;
  readonly language: string;
}

const REGIONS: readonly Region[] = [
  { id: 'us', share: 0.45, utcOffset: -5, language: 'en-US,en;q=0.9' },
  { id: 'de', share: 0.15, utcOffset: 1, language: 'de-DE,de;q=0.9,en;q=0.8' },
  { id: 'gb', share: 0.15, utcOffset: 0, language: 'en-GB,en;q=0.9' },
  { id: 'fr', share: 0.1, utcOffset: 1, language: 'fr-FR,fr;q=0.9,en;q=0.7' },
  { id: 'it', share: 0.05, utcOffset: 1, language: 'it-IT,it;q=0.9,en;q=0.6' },
  { id: 'jp', share: 0.05, utcOffset: 9, language: 'ja-JP,ja;q=0.9' },
  { id: 'br', share: 0.05, utcOffset: -3, language: 'pt-BR,pt;q=0.9,en;q=0.6' },
];
const REGION_CUMULATIVE = cumulative(REGIONS.map((r) => r.share));

// A typical consumer-web shape by local hour (trough before dawn, peak in the evening);
// an illustrative curve, not measured data.
const DIURNAL = [0.45, 0.3, 0.22, 0.18, 0.17, 0.2, 0.32, 0.5, 0.7, 0.85, 0.95, 1.0, 1.02, 1.0, 0.98, 0.97, 1.0, 1.05, 1.12, 1.22, 1.3, 1.25, 1.0, 0.7];
const DIURNAL_MEAN = DIURNAL.reduce((a, b) => a + b, 0) / 24;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ATTRIBUTION_WINDOW = 7 * DAY;

const ADJECTIVES = ['smart', 'daily', 'happy', 'green', 'urban', 'tiny', 'bright', 'savvy', 'cozy', 'wild', 'frugal', 'modern', 'honest', 'clever', 'golden'];
const NOUNS = ['deals', 'reviews', 'kitchen', 'travel', 'gadgets', 'parenting', 'fitness', 'coupons', 'garden', 'style', 'tech', 'outdoors', 'budget', 'home', 'pets'];
const STUFFING_HOSTS = ['forum-hub.example', 'free-wallpapers.example', 'lyrics-now.example', 'imgshare.example', 'torrent-index.example'];
const SOCIAL_REFERRERS = ['https://t.co/', 'https://l.facebook.com/', 'https://www.pinterest.com/', 'https://www.reddit.com/'];
const OFFERS = ['o-shoes', 'o-laptop', 'o-vpn', 'o-mattress', 'o-meal-kit', 'o-insurance', 'o-course', 'o-phone-plan'];

interface User {
  readonly ip: string;
  readonly ua: string;
  readonly browser: SampleBrowser | undefined;
  readonly deviceId: string;
  readonly language: string;
}

interface Partner {
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

function ipIn(rng: Random, range: SampleRange): string {
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

function chromiumHints(ua: string, mobile: boolean): readonly [string, string, string] | null {
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

function navigationHeaders(user: User, activated: boolean): Record<string, string> {
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

function resolveOptions(options: ProgramOptions): SampleProgram['options'] {
  const partners = options.partners ?? 300;
  const count = (share: number): number => Math.max(1, Math.round(partners * share));
  const fraud: Record<FraudType, number> = {
    click_flooding: count(0.02),
    click_injection: count(0.02),
    bot_farm: count(0.02),
    cookie_stuffing: count(0.02),
    inflated_conversions: count(0.02),
    dormant: count(0.03),
    ...options.fraud,
  };
  const labelled = Object.values(fraud).reduce((a, b) => a + b, 0);
  if (!Number.isInteger(partners) || partners < labelled + 1) {
    throw new RangeError(`generateProgram: partners (${partners}) must be an integer above the ${labelled} labelled partners`);
  }
  return {
    seed: options.seed ?? 1,
    partners,
    days: options.days ?? 7,
    clicksPerDay: options.clicksPerDay ?? 5000,
    start: options.start ?? Date.UTC(2024, 4, 6),
    fraud,
    badClickRows: options.badClickRows ?? 12,
    badConversionRows: options.badConversionRows ?? 4,
  };
}

/**
 * Builds a program from `options`. Partners, labels and metadata are computed at once;
 * records are streamed by `program.records()`.
 * @example
 * ```ts
 * const program = generateProgram({ seed: 7, partners: 500, days: 14, clicksPerDay: 700_000 });
 * for (const r of program.records()) if (r.kind === 'click') out.write(`${JSON.stringify(r.click)}\n`);
 * ```
 */
export function generateProgram(options: ProgramOptions = {}): SampleProgram {
  const opts = resolveOptions(options);
  const data = sampleData();
  const setup = new Random(opts.seed);
  const start = opts.start;
  const end = start + opts.days * DAY;

  // Labels go to a seeded shuffle of partner indices.
  const order = Array.from({ length: opts.partners }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = setup.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const labelOf = new Map<number, FraudType>();
  let at = 0;
  for (const type of FRAUD_TYPES) for (let k = 0; k < opts.fraud[type]; k++) labelOf.set(order[at++]!, type);

  const width = String(opts.partners).length;
  const weights = Array.from({ length: opts.partners }, () => setup.logNormal(1, 1.1));
  const cleanWeight = weights.reduce((sum, w, i) => (labelOf.has(i) ? sum : sum + w), 0);
  const cleanDaily = weights.filter((_, i) => !labelOf.has(i)).map((w) => (opts.clicksPerDay * w) / cleanWeight).sort((a, b) => a - b);
  const medianDaily = cleanDaily[Math.floor(cleanDaily.length / 2)] ?? 1;
  // Fraud volumes are set against the median clean partner, so they stay comparable at any scale.
  const volume: Record<FraudType, number> = { click_flooding: 40, bot_farm: 12, cookie_stuffing: 6, click_injection: 3, inflated_conversions: 2, dormant: 0 };

  const partners: Partner[] = [];
  const usedDomains = new Set<string>();
  for (let i = 0; i < opts.partners; i++) {
    const label = labelOf.get(i) ?? 'clean';
    const region = REGIONS[setup.weighted(REGION_CUMULATIVE)]!;
    let domain = `${setup.pick(ADJECTIVES)}${setup.pick(NOUNS)}.example`;
    if (usedDomains.has(domain)) domain = domain.replace('.example', `${i}.example`);
    usedDomains.add(domain);
    const isNew = label === 'clean' && setup.chance(0.03);
    const joinedAt = isNew ? start + Math.floor(setup.next() * (opts.days / 2)) * DAY + setup.int(24) * HOUR : start - (30 + setup.int(900)) * DAY;
    const loyalty = label === 'clean' && setup.chance(0.05);
    const baseCr = setup.beta(4, 196) * (loyalty ? 2.2 : 1);
    const cr =
      label === 'click_flooding' ? 0.0015
      : label === 'bot_farm' ? 0.0005
      : label === 'cookie_stuffing' ? 0.01
      : label === 'click_injection' ? 0.04
      : label === 'inflated_conversions' ? 0.2 + setup.next() * 0.1
      : baseCr;
    const daily = label === 'clean' ? (opts.clicksPerDay * weights[i]!) / cleanWeight : medianDaily * volume[label] * (0.8 + setup.next() * 0.4);
    const pool: string[] = [];
    if (label === 'bot_farm') {
      const blocks = [setup.pick(data.datacenter), setup.pick(data.datacenter), setup.pick(data.datacenter)];
      for (let k = 0; k < 40; k++) pool.push(ipIn(setup, setup.pick(blocks)));
    } else if (label === 'click_flooding') {
      const home = data.residential.filter((r) => r.region === region.id);
      for (let k = 0; k < 15; k++) pool.push(ipIn(setup, setup.pick(home.length > 0 ? home : data.residential)));
    }
    const id = `p${String(i + 1).padStart(width, '0')}`;
    partners.push({
      info: { partnerId: id, siteDomains: [domain], joinedAt },
      domain,
      label,
      region,
      daily,
      cr,
      loyalty,
      usesSubIds: setup.chance(0.4),
      activeFrom: Math.max(start, joinedAt),
      pool,
      recent: [],
    });
  }
  // Devices and addresses shared by fake-lead rings across inflated-conversion partners.
  const ring = Array.from({ length: 25 }, () => ({ ip: ipIn(setup, setup.pick(data.residential)), deviceId: setup.hex(16) }));
  const ringSeed = setup.int(2 ** 31);
  const recordSeed = setup.int(2 ** 31);

  const labels: Record<string, FraudType> = {};
  for (const p of partners) if (p.label !== 'clean') labels[p.info.partnerId] = p.label;

  const browsersDesktop = data.browsers.filter((b) => b.device === 'desktop');
  const browsersMobile = data.browsers.filter((b) => b.device === 'mobile');
  // Popularity falls off with rank; a mild power law keeps the long tail visible.
  const cumDesktop = cumulative(browsersDesktop.map((b) => 1 / b.rank ** 0.8));
  const cumMobile = cumulative(browsersMobile.map((b) => 1 / b.rank ** 0.8));
  const libraryBots = data.bots.filter((b) => b.kind !== 'crawler');
  const crawlers = data.bots.filter((b) => b.kind === 'crawler');
  const residentialBy = new Map<string, SampleRange[]>();
  for (const r of data.residential) residentialBy.set(r.region ?? '', [...(residentialBy.get(r.region ?? '') ?? []), r]);

  function* records(): Generator<ProgramRecord> {
    const rng = new Random(recordSeed);
    const ringRng = new Random(ringSeed);
    let clickSeq = 0;
    let conversionSeq = 0;
    const totalHours = opts.days * 24;
    const badClickAt = new Map<number, number>();
    const badConversionAt = new Map<number, number>();
    for (let k = 0; k < opts.badClickRows; k++) badClickAt.set(rng.int(totalHours), k);
    for (let k = 0; k < opts.badConversionRows; k++) badConversionAt.set(rng.int(totalHours), k);

    const browserUser = (region: Region, mobileShare = 0.55): User => {
      const mobile = rng.chance(mobileShare);
      const browser = mobile ? browsersMobile[rng.weighted(cumMobile)]! : browsersDesktop[rng.weighted(cumDesktop)]!;
      const blocks = residentialBy.get(region.id) ?? data.residential;
      return { ip: ipIn(rng, rng.pick(blocks)), ua: browser.ua, browser, deviceId: rng.hex(16), language: region.language };
    };

    const organicUser = (p: Partner): User => {
      // Returning visitors: the same person clicks again from the same device and address.
      if (p.recent.length > 0 && rng.chance(0.12)) return rng.pick(p.recent);
      const user = browserUser(p.region, p.label === 'click_injection' ? 0.9 : 0.55);
      if (p.recent.length < 64) p.recent.push(user);
      else p.recent[rng.int(64)] = user;
      return user;
    };

    const referrerOf = (p: Partner): string | undefined => {
      const x = rng.next();
      if (x < 0.85) return `https://${p.domain}/${rng.pick(NOUNS)}/${rng.pick(ADJECTIVES)}-${rng.int(500)}`;
      if (x < 0.95) return undefined;
      return rng.pick(SOCIAL_REFERRERS);
    };

    const makeClick = (p: Partner, timestamp: number): Click => {
      clickSeq++;
      const offerId = rng.pick(OFFERS);
      let user: User;
      let headers: Record<string, string> | undefined;
      let referrer = referrerOf(p);
      switch (p.label) {
        case 'bot_farm': {
          const ip = rng.pick(p.pool);
          const x = rng.next();
          if (x < 0.4) {
            user = { ip, ua: rng.pick(libraryBots).ua, browser: undefined, deviceId: rng.hex(16), language: 'en-US,en;q=0.9' };
            headers = undefined;
          } else if (x < 0.85) {
            const b = browserUser(p.region);
            user = { ...b, ip };
            // Scripted browsers: half drive a real Chrome (sends fetch metadata), half replay requests.
            headers = rng.chance(0.5) ? navigationHeaders(user, false) : { 'accept-language': 'en-US,en;q=0.9' };
          } else {
            user = { ip, ua: rng.pick(crawlers).ua, browser: undefined, deviceId: rng.hex(16), language: 'en-US,en;q=0.9' };
            headers = undefined;
          }
          if (rng.chance(0.5)) referrer = undefined;
          break;
        }
        case 'click_flooding': {
          if (rng.chance(0.3)) {
            const b = browserUser(p.region);
            user = { ...b, ip: rng.pick(p.pool) };
          } else {
            user = browserUser(p.region);
          }
          headers = navigationHeaders(user, rng.chance(0.5));
          break;
        }
        case 'cookie_stuffing': {
          user = organicUser(p);
          if (rng.chance(0.85)) {
            const iframe = rng.chance(0.6);
            headers = {
              'accept-language': user.language,
              'sec-fetch-dest': iframe ? 'iframe' : 'image',
              'sec-fetch-mode': iframe ? 'navigate' : 'no-cors',
              'sec-fetch-site': 'cross-site',
            };
            if (rng.chance(0.6)) referrer = `https://${rng.pick(STUFFING_HOSTS)}/${rng.pick(NOUNS)}/${rng.int(9000)}`;
          } else {
            headers = navigationHeaders(user, true);
          }
          break;
        }
        default: {
          const x = rng.next();
          if (x < 0.004) {
            // Organic noise: a real crawler or script follows the link now and then.
            user = { ip: ipIn(rng, rng.pick(data.datacenter)), ua: rng.pick(libraryBots).ua, browser: undefined, deviceId: rng.hex(16), language: 'en-US,en;q=0.9' };
            headers = undefined;
          } else if (x < 0.014) {
            // Corporate proxies and VPN users: a browser on a hosting address.
            user = { ...organicUser(p), ip: ipIn(rng, rng.pick(data.datacenter)) };
            headers = navigationHeaders(user, true);
          } else {
            user = organicUser(p);
            // A few legitimate navigations are script redirects without user activation.
            headers = navigationHeaders(user, !rng.chance(0.03));
          }
        }
      }
      // Built property by property (not with conditional spreads): ~3x faster for 10M-click files.
      // Key order is part of the committed sample's bytes; ip and userAgent are set below.
      const click = { clickId: `c${clickSeq.toString(36).padStart(7, '0')}`, timestamp, partnerId: p.info.partnerId } as Click;
      if (p.usesSubIds) click.subId = `s${rng.int(12)}`;
      click.offerId = offerId;
      click.ip = user.ip;
      click.userAgent = user.ua;
      if (referrer !== undefined) click.referrer = referrer;
      click.landingUrl = `https://shop.example/${offerId}?aff=${p.info.partnerId}`;
      if (headers !== undefined) click.headers = headers;
      click.deviceId = user.deviceId;
      return click;
    };

    const organicStatus = (): ConversionStatus => {
      const x = rng.next();
      return x < 0.9 ? 'approved' : x < 0.94 ? 'pending' : x < 0.99 ? 'refunded' : 'chargeback';
    };

    const makeConversion = (p: Partner, click: Click): Conversion | undefined => {
      if (!rng.chance(p.cr)) return undefined;
      let ctit: number;
      let status = organicStatus();
      let ip = rng.chance(0.85) ? click.ip : ipIn(rng, rng.pick(residentialBy.get(p.region.id) ?? data.residential));
      let deviceId = click.deviceId;
      switch (p.label) {
        case 'click_flooding':
          // Flooders are credited with conversions that would have happened anyway, at any time.
          ctit = rng.next() * ATTRIBUTION_WINDOW;
          break;
        case 'click_injection':
          ctit = rng.chance(0.75) ? 1000 + rng.next() * 8000 : Math.min(rng.logNormal(30 * 60_000, 1.8), ATTRIBUTION_WINDOW);
          break;
        case 'cookie_stuffing':
          ctit = Math.min(rng.logNormal(10 * HOUR, 1.2), ATTRIBUTION_WINDOW);
          break;
        case 'inflated_conversions': {
          ctit = Math.min(rng.logNormal(6 * 60_000, 1.0), ATTRIBUTION_WINDOW);
          const x = rng.next();
          status = x < 0.25 ? 'refunded' : x < 0.37 ? 'chargeback' : x < 0.47 ? 'pending' : 'approved';
          if (rng.chance(0.4)) ({ ip, deviceId } = ringRng.pick(ring));
          break;
        }
        default:
          ctit = Math.min(rng.logNormal(30 * 60_000, 1.8), ATTRIBUTION_WINDOW);
      }
      conversionSeq++;
      const coupon = p.loyalty ? rng.chance(0.6) : rng.chance(0.05);
      return {
        conversionId: `v${conversionSeq.toString(36).padStart(6, '0')}`,
        clickId: click.clickId,
        partnerId: p.info.partnerId,
        timestamp: click.timestamp + Math.round(ctit),
        // Some hosts do not carry the click time on conversions; the scan joins those.
        ...(rng.chance(0.9) ? { clickTime: click.timestamp } : {}),
        amount: Math.round(rng.logNormal(45, 0.7) * 100) / 100,
        status,
        ...(coupon ? { couponCode: `${p.loyalty ? 'LOYAL' : 'SAVE'}${rng.int(30)}` } : {}),
        ip,
        ...(deviceId === undefined ? {} : { deviceId }),
      };
    };

    for (let hour = 0; hour < totalHours; hour++) {
      const t0 = start + hour * HOUR;
      const utcHour = hour % 24;
      const weekday = new Date(t0).getUTCDay();
      const weekly = weekday === 0 || weekday === 6 ? 1.1 : 0.96;
      const clicks: { p: Partner; t: number }[] = [];
      for (const p of partners) {
        if (p.label === 'dormant' || t0 + HOUR <= p.activeFrom) continue;
        const local = (utcHour + p.region.utcOffset + 24) % 24;
        const shape = DIURNAL[local]! / DIURNAL_MEAN;
        const factor = p.label === 'bot_farm' ? 1 : p.label === 'click_flooding' ? 0.5 + 0.5 * shape : shape * weekly;
        const n = rng.poisson((p.daily / 24) * factor);
        if (p.label === 'bot_farm' && n > 0) {
          // Farms fire in bursts: a few seconds-wide volleys per hour.
          let burst = t0 + rng.int(HOUR);
          for (let k = 0; k < n; k++) {
            if (rng.chance(0.15)) burst = t0 + rng.int(HOUR);
            clicks.push({ p, t: Math.min(t0 + HOUR - 1, burst + rng.int(4000)) });
          }
        } else {
          for (let k = 0; k < n; k++) {
            const t = t0 + rng.int(HOUR);
            if (t >= p.activeFrom) clicks.push({ p, t });
          }
        }
      }
      clicks.sort((a, b) => a.t - b.t);
      const conversions: Conversion[] = [];
      for (const { p, t } of clicks) {
        const click = makeClick(p, t);
        yield { kind: 'click', click };
        const conversion = makeConversion(p, click);
        if (conversion !== undefined) conversions.push(conversion);
      }
      for (const conversion of conversions) yield { kind: 'conversion', conversion };
      const bad = badClickAt.get(hour);
      if (bad !== undefined) yield badClick(bad, t0);
      const badConv = badConversionAt.get(hour);
      if (badConv !== undefined) yield badConversion(badConv, t0);
    }
  }

  return {
    options: opts,
    period: { start, end },
    partners: partners.map((p) => p.info),
    labels,
    records,
  };
}

// Malformed rows in a fixed rotation, each with the reason the reader should give.
function badClick(k: number, t0: number): ProgramRecord {
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

function badConversion(k: number, t0: number): ProgramRecord {
  const base = { conversionId: `badv${k}`, clickId: 'c0000001', partnerId: 'p001', timestamp: t0, amount: 10 };
  return k % 2 === 0
    ? { kind: 'bad-conversion', line: JSON.stringify({ ...base, amount: 'ten' }), reason: 'invalid_field:amount' }
    : { kind: 'bad-conversion', line: JSON.stringify({ ...base, clickId: undefined }), reason: 'missing_field:clickId' };
}
