import { createBotMatcher, type BotMatcher, type BotMatcherSources } from './bot-match.js';
import { detached } from '../../shared/detached.js';
import { TwoGenerationCache } from '../../shared/two-generation-cache.js';
import { clientHintSignals } from './client-hints.js';
import { isWebViewShape } from './grammar.js';
import { parseBrowser, parseDevice, parseOs, type ParsedAgent } from './parse.js';
import { claimedRelease, defaultAsOf, releaseFacts, type ReleaseFacts } from './releases.js';
import { ageSignals, formatSignals, impossibleSignals, signal } from './suspicion.js';
import type { AgentInfo, AgentKind, AgentSignal, BotInfo, BrowserInfo, ClassifyUserAgentOptions, ClientHints, DeviceInfo, OsInfo } from './types.js';

/** Settings of a classifier instance. */
export interface UserAgentClassifierOptions {
  /** Characters of the user agent read; longer input is cut and flagged `ua-too-long`. Default 512. */
  readonly maxLength?: number;
  /** Distinct user agents memoised. Default 10,000; 0 disables the cache. */
  readonly cacheSize?: number;
  /** Which bot lists to compile (tests measure each list alone). */
  readonly sources?: BotMatcherSources;
}

/** A classifier with its own compiled patterns and cache. */
export interface UserAgentClassifier {
  /** Classifies one user agent. */
  classify(ua: string, hints?: ClientHints, options?: ClassifyUserAgentOptions): AgentInfo;
  /** Entries in the memo cache. */
  readonly cacheEntries: number;
}

interface Cached {
  readonly info: AgentInfo;
  readonly facts: ReleaseFacts | undefined;
  readonly parts: AgentParts;
}

const DEFAULT_MAX_AGE_DAYS = 730;

// The default lists compile once per process, however many classifiers (and caches) exist.
let sharedMatcher: BotMatcher | undefined;

/** Creates a classifier; patterns compile on the first call. */
export function createUserAgentClassifier(settings: UserAgentClassifierOptions = {}): UserAgentClassifier {
  const maxLength = settings.maxLength ?? 512;
  const cacheSize = settings.cacheSize ?? 10_000;
  const cache = new TwoGenerationCache<Cached>(cacheSize);
  let matcher: BotMatcher | undefined = settings.sources === undefined ? sharedMatcher : undefined;
  let baseAsOf = Number.NaN;

  function analyse(raw: string, read: string): Cached {
    if (matcher === undefined) {
      matcher = createBotMatcher(settings.sources);
      if (settings.sources === undefined) sharedMatcher = matcher;
    }
    if (Number.isNaN(baseAsOf)) baseAsOf = defaultAsOf();
    const blank = read.trim() === '';
    let found = blank ? undefined : matcher.match(read);
    // ua-parser-js is most of the cost of a miss (bot agents are its slowest input), and only
    // the browser name is needed to tell a browser from an unknown agent: every other part is
    // read when a check or the caller first asks for it.
    const parts = new AgentParts(read);
    // The shape checks run last, after the named lists, the grammar's words and the parser
    // have had their say: only an agent in which nothing recognised a browser reaches them.
    const browserNamed = found === undefined && !blank && (parts.browser.name !== undefined || isWebViewShape(read));
    if (found === undefined && !blank && !browserNamed) found = matcher.structure(read);
    const bot = found?.bot;
    const claim = claimedRelease(read, () => parts.browser.name);
    const facts = claim === undefined ? undefined : releaseFacts(claim);
    const signals = [
      ...formatSignals(raw, read, maxLength, bot !== undefined),
      ...(found?.signal === undefined ? [] : [found.signal]),
      ...ageSignals(facts, baseAsOf, DEFAULT_MAX_AGE_DAYS),
      ...impossibleSignals(read, parts),
    ];
    const kind = bot !== undefined ? 'bot' : browserNamed ? 'browser' : 'unknown';
    const info = agentInfo(kind, bot === undefined ? undefined : Object.freeze(bot), Object.freeze(signals), parts);
    return { info, facts, parts };
  }

  function classify(ua: string, hints?: ClientHints, options?: ClassifyUserAgentOptions): AgentInfo {
    // Never throw on the hot path: a non-string from untyped callers reads as empty.
    const raw = typeof ua === 'string' ? ua : '';
    let read = raw.length > maxLength ? raw.slice(0, maxLength) : raw;
    // The cut text alone would collide with a short agent of the same prefix but no flag.
    const key = raw.length > maxLength ? `${read}\u0000+` : read;
    let cached = cache.get(key);
    if (cached === undefined) {
      // The entry keeps the text (and ua-parser's pieces of it): a copy, so that an agent cut
      // from a longer text (its own first 512 characters, a CSV line) does not keep that alive.
      if (cacheSize > 0) read = detached(read);
      cached = analyse(raw, read);
      cache.set(key, cached);
    }
    if ((hints === undefined || hints === null) && (options === undefined || options === null)) return cached.info;
    return refine(cached, read, hints, options);
  }

  function refine(cached: Cached, read: string, hints: ClientHints | undefined, options: ClassifyUserAgentOptions | undefined): AgentInfo {
    let info = cached.info;
    let signals: readonly AgentSignal[] = info.signals;
    if (typeof options === 'object' && options !== null && (options.asOf !== undefined || options.maxBrowserAgeDays !== undefined)) {
      const asOf = options.asOf === undefined ? baseAsOf : toTime(options.asOf);
      const maxAge = options.maxBrowserAgeDays ?? DEFAULT_MAX_AGE_DAYS;
      const age = Number.isFinite(asOf) ? ageSignals(cached.facts, asOf, maxAge) : [];
      const kept = signals.filter((s) => s.id !== 'browser-outdated' && s.id !== 'browser-version-unreleased');
      const before = signals.length - kept.length;
      if (age.length !== before || age.some((s, i) => s.message !== signals.filter((x) => x.id === s.id)[i]?.message)) {
        signals = [...kept, ...age];
      }
    }
    let bot = info.bot;
    let kind = info.kind;
    if (typeof hints === 'object' && hints !== null) {
      const found = clientHintSignals(read, cached.parts, hints);
      if (found.signals.length > 0) signals = [...signals, ...found.signals];
      if (found.headless && bot === undefined) {
        bot = Object.freeze({ name: 'HeadlessChrome', category: 'headless', origin: 'client-hints', matched: 'HeadlessChrome', source: 'https://developer.chrome.com/docs/chromium/headless' } as const);
        kind = 'bot';
        signals = [...signals, signal('client-hints-mismatch', 'headless-brand', 'Sec-CH-UA names HeadlessChrome while the user agent hides it.', { brand: 'HeadlessChrome' })];
      }
    }
    if (signals === info.signals && bot === info.bot) return info;
    info = agentInfo(kind, bot, Object.freeze([...signals]), cached.parts);
    return info;
  }

  return {
    classify,
    get cacheEntries() {
      return cache.size;
    },
  };
}

// Outside this range a Date is invalid, and formatting it throws: such a reference date
// turns the age checks off rather than throwing from the hot path.
const MAX_TIME = 8.64e15;

function toTime(value: Date | string | number): number {
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(t) && Math.abs(t) <= MAX_TIME ? t : Number.NaN;
}

/**
 * Browser, OS and device of one agent, each read by ua-parser-js on first access and then
 * kept (frozen). Checks that need a part read it through here; the rest is never parsed.
 */
class AgentParts implements ParsedAgent {
  private browserPart: BrowserInfo | undefined;
  private osPart: OsInfo | undefined;
  private devicePart: DeviceInfo | undefined;

  constructor(private readonly ua: string) {}

  /** The claimed browser. */
  get browser(): BrowserInfo {
    return (this.browserPart ??= Object.freeze(parseBrowser(this.ua)));
  }

  /** The claimed operating system. */
  get os(): OsInfo {
    return (this.osPart ??= Object.freeze(parseOs(this.ua)));
  }

  /** The claimed device. */
  get device(): DeviceInfo {
    return (this.devicePart ??= Object.freeze(parseDevice(this.ua)));
  }

  /** Whether every part has been read. */
  get complete(): boolean {
    return this.browserPart !== undefined && this.osPart !== undefined && this.devicePart !== undefined;
  }
}

/**
 * A frozen result. Parts not read yet are enumerable getters over the shared `AgentParts`:
 * `JSON.stringify`, spreading and equality checks see the same values as plain properties,
 * and every access returns the same frozen object.
 */
function agentInfo(kind: AgentKind, bot: BotInfo | undefined, signals: readonly AgentSignal[], parts: AgentParts): AgentInfo {
  if (parts.complete) return Object.freeze({ kind, bot, browser: parts.browser, os: parts.os, device: parts.device, signals });
  return Object.freeze({
    kind,
    bot,
    get browser() {
      return parts.browser;
    },
    get os() {
      return parts.os;
    },
    get device() {
      return parts.device;
    },
    signals,
  });
}
