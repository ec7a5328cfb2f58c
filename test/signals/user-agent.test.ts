import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { classifyUserAgent, clientHintsFromHeaders, type AgentInfo } from '../../src/signals/user-agent.js';
import { literalFromRegex } from '../../src/signals/user-agent/bot-match.js';
import { TwoGenerationCache } from '../../src/shared/two-generation-cache.js';
import { parseBrandList } from '../../src/signals/user-agent/client-hints.js';
import { createUserAgentClassifier } from '../../src/signals/user-agent/classifier.js';
import { compileLiterals } from '../../src/signals/user-agent/literal-matcher.js';

const CHROME_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1';
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:156.0) Gecko/20100101 Firefox/156.0';
const ANDROID_CHROME = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36';

const ids = (info: AgentInfo): string[] => info.signals.map((s) => `${s.id}:${s.check}`);

describe('classifyUserAgent', () => {
  it('reads ordinary browsers as browsers without signals', () => {
    for (const ua of [CHROME_WIN, SAFARI_IPHONE, FIREFOX_LINUX, ANDROID_CHROME]) {
      const info = classifyUserAgent(ua);
      expect(info.kind, ua).toBe('browser');
      expect(info.bot).toBeUndefined();
      expect(info.signals, ua).toEqual([]);
    }
    const chrome = classifyUserAgent(CHROME_WIN);
    expect(chrome.browser).toEqual({ name: 'Chrome', version: '150.0.0.0', major: 150 });
    expect(chrome.os.name).toBe('Windows');
    expect(classifyUserAgent(SAFARI_IPHONE).device.type).toBe('mobile');
  });

  it.each([
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'Googlebot', 'search-crawler'],
    ['Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.1; +https://openai.com/gptbot', 'GPTBot', 'ai-crawler'],
    ['Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)', 'AhrefsBot', 'seo-tool'],
    ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', 'facebookexternalhit', 'social-preview'],
    ['Feedly/1.0 (+http://www.feedly.com/fetcher.html; 5 subscribers)', 'Feedly', 'feed-reader'],
    ['Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)', 'UptimeRobot', 'monitoring'],
    ['curl/8.5.0', 'curl', 'http-library'],
    ['Go-http-client/1.1', 'Go-http-client', 'http-library'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'HeadlessChrome', 'headless'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Selenium', 'Selenium', 'automation'],
    ['sqlmap/1.8.4#stable (https://sqlmap.org)', 'sqlmap', 'scanner'],
    ['Mozilla/5.0 (compatible; archive.org_bot +http://archive.org/details/archive.org_bot)', 'Internet Archive', 'other-bot'],
  ])('names the bot in %s', (ua, name, category) => {
    const info = classifyUserAgent(ua);
    expect(info.kind).toBe('bot');
    expect(info.bot?.name).toBe(name);
    expect(info.bot?.category).toBe(category);
  });

  it('prefers the bot that names itself over one it imitates, and a named bot over its HTTP library', () => {
    expect(classifyUserAgent('Mozilla/5.0 (compatible;acapbot/0.1;treat like Googlebot)').bot?.name).toBe('acapbot');
    expect(classifyUserAgent('Mozilla/5.0 (compatible; AhrefsBot/7.0) python-requests/2.31').bot?.name).toBe('AhrefsBot');
  });

  it('catches unlisted bots with generic markers but not phones whose names end in "bot"', () => {
    expect(classifyUserAgent('Mozilla/5.0 (compatible; Zorblatbot/3.1)').bot).toMatchObject({ origin: 'heuristic', category: 'other-bot' });
    expect(classifyUserAgent('Mozilla/5.0 (compatible; FooTool/1.0; +https://foo.example/tool)').kind).toBe('bot');
    expect(classifyUserAgent('Mozilla/5.0 (Linux; Android 10; CUBOT NOTE 20) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36').kind).toBe('browser');
    expect(classifyUserAgent(`${ANDROID_CHROME} (Ecosia android@150.0.0.0)`).kind).toBe('browser');
  });

  it('flags empty, blank, cut-off and malformed agents', () => {
    expect(ids(classifyUserAgent(''))).toEqual(['ua-empty:empty']);
    expect(ids(classifyUserAgent('   '))).toEqual(['ua-empty:blank']);
    expect(classifyUserAgent('').kind).toBe('unknown');
    expect(ids(classifyUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Ge'))).toContain('ua-truncated:unclosed-parenthesis');
    expect(ids(classifyUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64)'))).toContain('ua-truncated:no-engine-token');
    expect(ids(classifyUserAgent('12345 67890'))).toContain('ua-malformed:no-letters');
  });

  it('flags a browser major far older than the reference date, and only relative to that date', () => {
    const chrome100 = CHROME_WIN.replace('Chrome/150.0.0.0', 'Chrome/100.0.4896.127');
    const outdated = classifyUserAgent(chrome100);
    expect(ids(outdated)).toEqual(['browser-outdated:chrome']);
    expect(outdated.signals[0]?.evidence).toMatchObject({ major: 100, releasedBy: '2022-03-29', asOf: '2026-11-23' });
    // The same agent seen in a stream from mid-2022 was current then.
    expect(ids(classifyUserAgent(chrome100, undefined, { asOf: '2022-06-01' }))).toEqual([]);
    expect(ids(classifyUserAgent(chrome100, undefined, { asOf: new Date('2026-11-23'), maxBrowserAgeDays: 5000 }))).toEqual([]);
    // A reference date no Date can hold switches the age checks off instead of throwing.
    for (const asOf of [1e16, -1e16, 'not a date', new Date(Number.NaN), Number.POSITIVE_INFINITY]) {
      expect(ids(classifyUserAgent(chrome100, undefined, { asOf }))).toEqual([]);
    }
    // Deterministic default: two calls, same frozen answer.
    expect(classifyUserAgent(chrome100)).toBe(outdated);
    expect(Object.isFrozen(outdated) && Object.isFrozen(outdated.signals)).toBe(true);
  });

  it('flags versions newer than could exist at the reference date', () => {
    const future = CHROME_WIN.replace('Chrome/150.0.0.0', 'Chrome/400.0.0.0');
    expect(ids(classifyUserAgent(future))).toContain('browser-version-unreleased:chrome');
    expect(ids(classifyUserAgent(CHROME_WIN, undefined, { asOf: '2024-08-01' }))).toEqual(['browser-version-unreleased:chrome']);
  });

  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X; Windows NT 10.0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1', 'ios-with-windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15', 'safari-on-windows'],
    ['Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36', 'browser-too-new-for-windows'],
    ['Mozilla/5.0 (Windows NT 5.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36', 'browser-too-new-for-windows'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36 Edg/150.0.0.0', 'edge-desktop-token-on-mobile'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 11_0 like Mac OS X) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/53.0.2785.143 Mobile Safari/537.36', 'blink-on-ios'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1', 'safari-ios-version-mismatch'],
  ])('flags an impossible combination: %s', (ua, check) => {
    expect(ids(classifyUserAgent(ua))).toContain(`impossible-combination:${check}`);
  });

  describe('client hints', () => {
    const chromeHints = { secChUa: '"Chromium";v="150", "Google Chrome";v="150", "Not-A.Brand";v="99"', secChUaPlatform: '"Windows"', secChUaMobile: '?0' };

    it('accepts consistent hints without new signals', () => {
      expect(ids(classifyUserAgent(CHROME_WIN, chromeHints))).toEqual([]);
      expect(ids(classifyUserAgent(ANDROID_CHROME, { ...chromeHints, secChUaPlatform: '"Android"', secChUaMobile: '?1' }))).toEqual([]);
    });

    it('flags version, platform, mobile and brand disagreements', () => {
      const info = classifyUserAgent(CHROME_WIN, { secChUa: '"Chromium";v="149", "Google Chrome";v="149"', secChUaPlatform: '"macOS"', secChUaMobile: '?1' });
      expect(ids(info)).toEqual(['client-hints-mismatch:chromium-version', 'client-hints-mismatch:platform', 'client-hints-mismatch:mobile']);
      expect(ids(classifyUserAgent(FIREFOX_LINUX, chromeHints))).toContain('client-hints-mismatch:brands-without-chrome-token');
      expect(ids(classifyUserAgent(CHROME_WIN, { secChUa: '"Chromium";v="150", "Microsoft Edge";v="150"' }))).toEqual(['client-hints-mismatch:edge-brand']);
      expect(ids(classifyUserAgent(ANDROID_CHROME, { secChUaMobile: '?0' }))).toEqual(['client-hints-mismatch:mobile']);
    });

    it('turns a HeadlessChrome brand into a headless bot', () => {
      const info = classifyUserAgent(CHROME_WIN, { secChUa: '"HeadlessChrome";v="150", "Chromium";v="150"' });
      expect(info.kind).toBe('bot');
      expect(info.bot).toMatchObject({ category: 'headless', origin: 'client-hints' });
      // The cached base answer is untouched.
      expect(classifyUserAgent(CHROME_WIN).kind).toBe('browser');
    });

    it('parses brand lists and header objects', () => {
      expect(parseBrandList('"Not;A=Brand";v="8", "Chromium";v="126" , garbage, "Google Chrome";v=126')).toEqual([
        { brand: 'Not;A=Brand', version: '8' },
        { brand: 'Chromium', version: '126' },
        { brand: 'Google Chrome', version: '126' },
      ]);
      expect(clientHintsFromHeaders({ 'sec-ch-ua': '"Chromium";v="1"', 'sec-ch-ua-mobile': '?0' })).toEqual({ secChUa: '"Chromium";v="1"', secChUaPlatform: undefined, secChUaMobile: '?0' });
    });
  });

  describe('hostile input', () => {
    const hostile = [
      'a'.repeat(10_000),
      `Mozilla/5.0 (${'('.repeat(5000)}`,
      `${'Googlebot'.repeat(1200)}`,
      'Mozilla/5.0\u0000(Windows NT 10.0)\u0000',
      '\u0001\u0002\u0003\u001b[31m',
      '😀'.repeat(3000),
      'Mozilla/5.0 (\uD800\uDC00\uFFFF\u202E) 𝔊𝔬𝔬𝔤𝔩𝔢𝔟𝔬𝔱',
      `${'Mozilla/5.0 '.repeat(900)}`,
      ' '.repeat(10_000),
      `${'ContextualBot'.repeat(40)}outcomes.net`,
    ];

    it('never throws, answers quickly and caps what it reads', () => {
      const classifier = createUserAgentClassifier({ cacheSize: 0 });
      classifier.classify(CHROME_WIN);
      const start = performance.now();
      for (const ua of hostile) {
        const info = classifier.classify(ua);
        expect(['browser', 'bot', 'unknown']).toContain(info.kind);
      }
      expect(performance.now() - start).toBeLessThan(250);
      expect(ids(classifier.classify('a'.repeat(10_000)))).toContain('ua-too-long:over-limit');
      expect(ids(classifier.classify('Mozilla/5.0\u0000(Windows NT 10.0)\u0000'))).toContain('ua-control-chars:control-character');
      expect(ids(classifier.classify('😀'.repeat(3000)))).toContain('ua-malformed:no-letters');
    });

    it('survives non-string input from untyped callers', () => {
      expect(classifyUserAgent(undefined as unknown as string).kind).toBe('unknown');
      expect(classifyUserAgent(42 as unknown as string, null as unknown as undefined).signals[0]?.id).toBe('ua-empty');
    });

    it('separates a long agent from its own 512-character prefix in the cache', () => {
      const prefix = `${CHROME_WIN} ${'x'.repeat(600)}`.slice(0, 512);
      expect(ids(classifyUserAgent(`${prefix}yyyy`))).toContain('ua-too-long:over-limit');
      expect(ids(classifyUserAgent(prefix))).not.toContain('ua-too-long:over-limit');
    });
  });
});

describe('building blocks', () => {
  it('matches many literals in one pass, case-folded, with anchors and case checks', () => {
    const m = compileLiterals([
      { literal: 'bot', anchorStart: false, anchorEnd: false, caseSensitive: false, group: 1, rank: 0 },
      { literal: 'Yeti', anchorStart: false, anchorEnd: false, caseSensitive: true, group: 0, rank: 1 },
      { literal: 'curl', anchorStart: true, anchorEnd: false, caseSensitive: false, group: 0, rank: 2 },
      { literal: 'end', anchorStart: false, anchorEnd: true, caseSensitive: false, group: 0, rank: 3 },
    ]);
    expect(m.best('a yeti robot')).toBe(0);
    expect(m.best('a Yeti robot')).toBe(1);
    expect(m.best('CURL/8')).toBe(2);
    expect(m.best('x curl/8')).toBe(-1);
    expect(m.all('the end')).toEqual([3]);
    expect(m.all('endless')).toEqual([]);
  });

  it('reads crawler-user-agents patterns as literals only when they are literals', () => {
    expect(literalFromRegex('Googlebot\\/')).toEqual({ literal: 'Googlebot/', anchorStart: false, anchorEnd: false });
    expect(literalFromRegex('^curl')).toEqual({ literal: 'curl', anchorStart: true, anchorEnd: false });
    expect(literalFromRegex('[wW]get')).toBeUndefined();
    expect(literalFromRegex('ContextualBot[\\s\\S]*outcomes\\.net')).toBeUndefined();
    expect(literalFromRegex('BlogTraffic\\/\\d\\.\\d+ Feed-Fetcher')).toBeUndefined();
  });

  it('bounds the cache', () => {
    const cache = new TwoGenerationCache<number>(4);
    for (let i = 0; i < 100; i++) cache.set(String(i), i);
    expect(cache.size).toBeLessThanOrEqual(4);
    expect(cache.get('99')).toBe(99);
    expect(cache.get('0')).toBeUndefined();
    const classifier = createUserAgentClassifier({ cacheSize: 10 });
    for (let i = 0; i < 50; i++) classifier.classify(`${CHROME_WIN} ${i}`);
    expect(classifier.cacheEntries).toBeLessThanOrEqual(10);
  });
});

describe('parse shortcut', () => {
  it('skips device parsing only where ua-parser-js finds no device (every Windows agent of the corpus)', async () => {
    const { browserCorpus, botCorpus } = await import('../fixtures/ua/corpus.js');
    const { isPlainWindowsDesktop } = await import('../../src/signals/user-agent/parse.js');
    const { createRequire } = await import('node:module');
    const UAParser = createRequire(import.meta.url)('ua-parser-js') as new (ua: string) => { getDevice(): Record<string, string | undefined> };
    const sample = [...browserCorpus(), ...botCorpus().map((b) => b.ua)].filter(isPlainWindowsDesktop);
    expect(sample.length).toBeGreaterThan(100);
    for (const ua of sample) {
      const d = new UAParser(ua).getDevice();
      expect([d.type, d.vendor, d.model], ua).toEqual([undefined, undefined, undefined]);
    }
    const { isPlainMacDesktop } = await import('../../src/signals/user-agent/parse.js');
    const macs = [...browserCorpus(), ...botCorpus().map((b) => b.ua)].filter(isPlainMacDesktop);
    expect(macs.length).toBeGreaterThan(50);
    for (const ua of macs) {
      const d = new UAParser(ua).getDevice();
      expect([d.type, d.vendor, d.model], ua).toEqual([undefined, 'Apple', 'Macintosh']);
    }
  });
});

describe('parts read on demand', () => {
  interface RawParser {
    getBrowser(): { name?: string; version?: string; major?: string };
    getOS(): { name?: string; version?: string };
    getDevice(): { type?: string; vendor?: string; model?: string };
  }
  const UAParser = createRequire(import.meta.url)('ua-parser-js') as new (ua: string) => RawParser;
  const plain = (ua: string): Pick<AgentInfo, 'browser' | 'os' | 'device'> => {
    const p = new UAParser(ua);
    const b = p.getBrowser();
    const o = p.getOS();
    const d = p.getDevice();
    const major = b.major === undefined ? Number.NaN : Number.parseInt(b.major, 10);
    return {
      browser: { name: b.name, version: b.version, major: Number.isFinite(major) ? major : undefined },
      os: { name: o.name, version: o.version },
      device: { type: d.type, vendor: d.vendor, model: d.model },
    };
  };
  const GOOGLEBOT_PHONE = 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

  it('still gives a bot the browser, OS and device ua-parser-js reads, as stable frozen values', () => {
    const classifier = createUserAgentClassifier();
    const info = classifier.classify(GOOGLEBOT_PHONE);
    expect(info.kind).toBe('bot');
    expect(info.browser).toEqual(plain(GOOGLEBOT_PHONE).browser);
    expect(info.os).toEqual({ name: 'Android', version: '6.0.1' });
    expect(info.device).toEqual(plain(GOOGLEBOT_PHONE).device);
    expect(info.browser).toBe(info.browser);
    expect(Object.isFrozen(info) && Object.isFrozen(info.browser) && Object.isFrozen(info.os) && Object.isFrozen(info.device)).toBe(true);
    expect(classifier.classify(GOOGLEBOT_PHONE)).toBe(info);
    // Serialised, spread and compared like plain data, fields in their documented order.
    const json = JSON.parse(JSON.stringify(info)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['kind', 'bot', 'browser', 'os', 'device', 'signals']);
    expect(json).toEqual(JSON.parse(JSON.stringify({ ...info })));
    expect(json.os).toEqual({ name: 'Android', version: '6.0.1' });
  });

  it('reads the same parts as plain ua-parser-js for every agent of the corpus', async () => {
    const { browserCorpus, botCorpus } = await import('../fixtures/ua/corpus.js');
    const classifier = createUserAgentClassifier();
    for (const ua of [...browserCorpus(), ...botCorpus().map((b) => b.ua)]) {
      const info = classifier.classify(ua);
      expect({ browser: info.browser, os: info.os, device: info.device }, ua).toEqual(plain(ua));
    }
  });

  it('needs no parse for the Safari checks without a Version/ token, and runs them on bots that have one', async () => {
    const { browserCorpus, botCorpus } = await import('../fixtures/ua/corpus.js');
    const { impossibleSignals } = await import('../../src/signals/user-agent/suspicion.js');
    const { parseAgent } = await import('../../src/signals/user-agent/parse.js');
    for (const ua of [...browserCorpus(), ...botCorpus().map((b) => b.ua)]) {
      const eager = parseAgent(ua);
      // ua-parser-js reads a Safari major ≥ 6 only from Version/ (the premise of the shortcut).
      if (eager.browser.name === 'Safari' && (eager.browser.major ?? 0) >= 6) expect(ua).toMatch(/version\//iu);
      let reads = 0;
      const counting = {
        get browser() {
          reads++;
          return eager.browser;
        },
        get os() {
          reads++;
          return eager.os;
        },
        get device() {
          reads++;
          return eager.device;
        },
      };
      expect(impossibleSignals(ua, counting), ua).toEqual(impossibleSignals(ua, eager));
      if (!/version\//iu.test(ua)) expect(reads, ua).toBe(0);
    }
    const safariBot = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15 Googlebot/2.1';
    expect(ids(classifyUserAgent(safariBot))).toEqual(['browser-outdated:safari', 'impossible-combination:safari-on-windows']);
    const iosBot = 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1 Googlebot/2.1';
    expect(ids(classifyUserAgent(iosBot))).toEqual(['browser-outdated:safari', 'impossible-combination:safari-ios-version-mismatch']);
  });

  it('reads parts for client hints and dates on a bot not parsed yet', () => {
    const classifier = createUserAgentClassifier();
    const info = classifier.classify(GOOGLEBOT_PHONE, { secChUaPlatform: '"Windows"' });
    expect(info.kind).toBe('bot');
    expect(ids(info)).toEqual(['client-hints-mismatch:platform']);
    expect(info.os).toEqual({ name: 'Android', version: '6.0.1' });
    const dated = classifier.classify(GOOGLEBOT_PHONE, undefined, { asOf: '2020-01-01' });
    expect(ids(dated)).toEqual(['browser-version-unreleased:chrome']);
    expect(dated.device).toEqual(plain(GOOGLEBOT_PHONE).device);
    expect(JSON.parse(JSON.stringify(dated))).toMatchObject({ kind: 'bot', browser: plain(GOOGLEBOT_PHONE).browser });
  });
});
