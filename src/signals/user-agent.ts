/**
 * User-agent intelligence: browser, bot (and which kind) or unknown, with named suspicion
 * signals. Bot markers come from `datasets/bot-agents.json` and the `crawler-user-agents`
 * package, compiled once into one linear-time automaton; results are memoised per string.
 *
 * @module
 */
import { createUserAgentClassifier, type UserAgentClassifier } from './user-agent/classifier.js';
import type { AgentInfo, ClassifyUserAgentOptions, ClientHints } from './user-agent/types.js';

export { BOT_CATEGORIES } from './user-agent/types.js';
export { clientHintsFromHeaders } from './user-agent/client-hints.js';
export type {
  AgentInfo,
  AgentKind,
  AgentSignal,
  AgentSignalId,
  BotCategory,
  BotInfo,
  BotOrigin,
  BrowserInfo,
  ClassifyUserAgentOptions,
  ClientHints,
  DeviceInfo,
  EvidenceValue,
  OsInfo,
} from './user-agent/types.js';

let shared: UserAgentClassifier | undefined;

/**
 * Classifies a user agent as `browser`, `bot` (with its category and name) or `unknown`, and
 * lists suspicion signals: empty, too long, control characters, malformed or cut-off text, a
 * browser major far older than the reference date (or not yet released), impossible
 * combinations, and — when `hints` are given — disagreement with the Client Hints headers.
 *
 * Never throws. Reads at most 512 characters. Results are frozen and shared between calls
 * with the same string (a bounded cache of 10,000 agents).
 *
 * @param ua - The `User-Agent` header value.
 * @param hints - Raw `Sec-CH-UA`, `Sec-CH-UA-Platform` and `Sec-CH-UA-Mobile` values, if received.
 * @param options - The reference date (default: the release table's `asOf`, not the clock) and age limit.
 * @example
 * ```ts
 * classifyUserAgent('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)');
 * // { kind: 'bot', bot: { name: 'Googlebot', category: 'search-crawler', … }, signals: [] … }
 * ```
 */
export function classifyUserAgent(ua: string, hints?: ClientHints, options?: ClassifyUserAgentOptions): AgentInfo {
  shared ??= createUserAgentClassifier();
  return shared.classify(ua, hints, options);
}
