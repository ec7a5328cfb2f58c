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
import type { Click, Conversion, ConversionStatus } from '../../src/clicks/types.js';
import { sampleData, type SampleRange } from './data.js';
import { Random, cumulative } from './random.js';
import { ADJECTIVES, ATTRIBUTION_WINDOW, DAY, DIURNAL, DIURNAL_MEAN, HOUR, NOUNS, OFFERS, REGION_CUMULATIVE, REGIONS, SOCIAL_REFERRERS, STUFFING_HOSTS, badClick, badConversion, ipIn, navigationHeaders, type Partner, type Region, type User } from './shape.js';
import { FRAUD_TYPES, resolveOptions, type FraudType, type ProgramOptions, type ProgramRecord, type SampleProgram } from './types.js';

export { FRAUD_TYPES };
export type { FraudType, ProgramOptions, ProgramRecord, SampleProgram };

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

