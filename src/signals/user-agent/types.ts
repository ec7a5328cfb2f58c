/** What a user agent says it is, after checking it against known bots. */
export type AgentKind = 'browser' | 'bot' | 'unknown';

/**
 * The kind of automated or non-browser client behind a bot user agent. `app-client` is an
 * application that fetches a link itself rather than showing it in a browser engine: an
 * office suite, a mail client, a media player, a download or package manager.
 */
export type BotCategory =
  | 'search-crawler'
  | 'ai-crawler'
  | 'seo-tool'
  | 'social-preview'
  | 'feed-reader'
  | 'monitoring'
  | 'http-library'
  | 'headless'
  | 'automation'
  | 'scanner'
  | 'app-client'
  | 'other-bot';

/** Every bot category, in a stable order (for tables, schemas and tests). */
export const BOT_CATEGORIES: readonly BotCategory[] = Object.freeze([
  'search-crawler',
  'ai-crawler',
  'seo-tool',
  'social-preview',
  'feed-reader',
  'monitoring',
  'http-library',
  'headless',
  'automation',
  'scanner',
  'app-client',
  'other-bot',
]);

/**
 * Where a bot identification came from: a named list, the generic grammar (`heuristic`: the
 * agent describes itself, names a contact, a library or an application, or has no browser's
 * shape; an `unlisted-bot` signal says which), or the Client Hints headers.
 */
export type BotOrigin = 'curated' | 'crawler-user-agents' | 'heuristic' | 'client-hints';

/** The bot a user agent was matched to. */
export interface BotInfo {
  /** Human name of the bot, tool or library (`Googlebot`, `python-requests`). */
  readonly name: string;
  /** What kind of automated client it is. */
  readonly category: BotCategory;
  /** Which list or rule identified it. */
  readonly origin: BotOrigin;
  /** The text in the user agent (or client hints) that matched. */
  readonly matched: string;
  /** Public page describing the bot, when the list names one. */
  readonly source: string | undefined;
}

/** Stable identifiers of the suspicion signals; rules refer to these. */
export type AgentSignalId =
  | 'ua-empty'
  | 'ua-too-long'
  | 'ua-control-chars'
  | 'ua-malformed'
  | 'ua-truncated'
  | 'browser-outdated'
  | 'browser-version-unreleased'
  | 'impossible-combination'
  | 'client-hints-mismatch'
  | 'unlisted-bot';

/** A value a signal's evidence may carry. */
export type EvidenceValue = string | number | boolean;

/** One named reason to doubt a user agent, beside its kind. */
export interface AgentSignal {
  /** Stable identifier of the check that fired. */
  readonly id: AgentSignalId;
  /** Which variant of the check fired (for example `safari-on-windows`); stable, machine-readable. */
  readonly check: string;
  /** One human sentence explaining the finding. */
  readonly message: string;
  /** The compared values, so a reader can verify the finding by hand. */
  readonly evidence: Readonly<Record<string, EvidenceValue>>;
}

/** The browser a user agent claims, as read by ua-parser-js. */
export interface BrowserInfo {
  /** Browser name (`Chrome`, `Mobile Safari`, `Edge`, `Instagram`…), if recognised. */
  readonly name: string | undefined;
  /** Full version string as written in the user agent. */
  readonly version: string | undefined;
  /** Major version as a number, if the version starts with digits. */
  readonly major: number | undefined;
}

/** The operating system a user agent claims, as read by ua-parser-js. */
export interface OsInfo {
  /** Operating system name (`Windows`, `Mac OS`, `iOS`, `Android`, `Linux`…), if recognised. */
  readonly name: string | undefined;
  /** Operating system version, if present. */
  readonly version: string | undefined;
}

/** The device a user agent claims, as read by ua-parser-js. */
export interface DeviceInfo {
  /** `mobile`, `tablet`, `smarttv`, `console`, `wearable`, `embedded` or `xr`; `undefined` usually means a desktop. */
  readonly type: string | undefined;
  /** Device vendor (`Apple`, `Samsung`…), if named. */
  readonly vendor: string | undefined;
  /** Device model (`iPhone`, `SM-S918B`…), if named. */
  readonly model: string | undefined;
}

/**
 * Everything `classifyUserAgent` can tell about one user agent. Results are frozen and may be
 * shared. `browser`, `os` and `device` may be read by ua-parser-js on first access (then kept):
 * they serialise, spread and compare as plain values, though `util.inspect` shows them as getters.
 */
export interface AgentInfo {
  /** `bot` when a bot marker matched; `browser` when a browser was recognised; otherwise `unknown`. */
  readonly kind: AgentKind;
  /** The matched bot, present exactly when `kind` is `bot`. */
  readonly bot: BotInfo | undefined;
  /** The claimed browser. */
  readonly browser: BrowserInfo;
  /** The claimed operating system. */
  readonly os: OsInfo;
  /** The claimed device. */
  readonly device: DeviceInfo;
  /** Suspicion signals, in a stable order; empty for an ordinary, consistent user agent. */
  readonly signals: readonly AgentSignal[];
}

/**
 * User-Agent Client Hints as received, one raw header value per field
 * (`Sec-CH-UA: "Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"`).
 */
export interface ClientHints {
  /** Raw `Sec-CH-UA` header value: the brand list. */
  readonly secChUa?: string | undefined;
  /** Raw `Sec-CH-UA-Platform` header value, for example `"Windows"` (with its quotes). */
  readonly secChUaPlatform?: string | undefined;
  /** Raw `Sec-CH-UA-Mobile` header value: `?1` or `?0`. */
  readonly secChUaMobile?: string | undefined;
}

/** Options for one classification. */
export interface ClassifyUserAgentOptions {
  /**
   * The date the traffic happened, used to judge how old the claimed browser version is.
   * Defaults to the `asOf` date of `datasets/browser-releases.json` (the date its table was
   * checked), never the clock, so the same input always gives the same output. Pass the click's
   * own timestamp for streams, or `new Date()` for live traffic.
   */
  readonly asOf?: Date | string | number | undefined;
  /** A browser major released more than this many days before `asOf` is `browser-outdated`. Default 730. */
  readonly maxBrowserAgeDays?: number | undefined;
}
