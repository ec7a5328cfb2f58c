import type { ParsedAgent } from './parse.js';
import { daysBetween, majorAfter, projectedMaxMajor, type ReleaseFacts } from './releases.js';
import type { AgentSignal, AgentSignalId, EvidenceValue } from './types.js';

/** Builds one frozen signal. */
export function signal(id: AgentSignalId, check: string, message: string, evidence: Record<string, EvidenceValue> = {}): AgentSignal {
  return Object.freeze({ id, check, message, evidence: Object.freeze(evidence) });
}

/** Checks on the raw text: empty, too long, control characters, malformed, cut off. */
export function formatSignals(raw: string, read: string, maxLength: number, isBot: boolean): AgentSignal[] {
  const out: AgentSignal[] = [];
  if (read.trim().length === 0) {
    out.push(signal('ua-empty', raw.length === 0 ? 'empty' : 'blank', 'The user agent is empty.', { length: raw.length }));
    return out;
  }
  if (raw.length > maxLength) {
    out.push(signal('ua-too-long', 'over-limit', `The user agent is ${raw.length} characters; only the first ${maxLength} were read.`, { length: raw.length, limit: maxLength }));
  }
  let control = -1;
  let nonAscii = 0;
  let letters = 0;
  let open = 0;
  let close = 0;
  for (let i = 0; i < read.length; i++) {
    const c = read.charCodeAt(i);
    if (c < 32 || c === 127) {
      if (control < 0) control = i;
    } else if (c > 126) nonAscii++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else if (c === 40) open++;
    else if (c === 41) close++;
  }
  if (control >= 0) {
    out.push(signal('ua-control-chars', 'control-character', 'The user agent contains control characters, which no browser sends.', { offset: control, code: read.charCodeAt(control) }));
  }
  if (letters === 0) {
    out.push(signal('ua-malformed', 'no-letters', 'The user agent contains no letters.', { length: read.length }));
  } else if (nonAscii > 0 && nonAscii * 4 > read.length) {
    out.push(signal('ua-malformed', 'mostly-non-ascii', 'Most of the user agent is outside ASCII, unlike any browser.', { nonAscii, length: read.length }));
  }
  if (!isBot && raw.length <= maxLength) {
    if (read.startsWith('Mozilla/') && open > close) {
      out.push(signal('ua-truncated', 'unclosed-parenthesis', 'The user agent opens a parenthesis it never closes: it looks cut off.', { open, close }));
    } else if (read.startsWith('Mozilla/5.0 (') && read.endsWith(')') && read.indexOf(')') === read.length - 1) {
      out.push(signal('ua-truncated', 'no-engine-token', 'The user agent stops after its platform: browsers always name their engine after it.', { length: read.length }));
    } else if (read === 'Mozilla/5.0' || read === 'Mozilla/4.0') {
      out.push(signal('ua-truncated', 'bare-mozilla', 'The user agent is a bare "Mozilla" token.', { length: read.length }));
    } else if (open !== close) {
      out.push(signal('ua-malformed', 'unbalanced-parentheses', 'The user agent has unbalanced parentheses.', { open, close }));
    }
  }
  return out;
}

/** Whether the claimed major is far older than the reference date, or newer than could exist yet. */
export function ageSignals(facts: ReleaseFacts | undefined, asOf: number, maxAgeDays: number): AgentSignal[] {
  if (facts === undefined) return [];
  const { claim, releasedBy, table } = facts;
  if (releasedBy !== undefined) {
    const age = daysBetween(releasedBy, asOf);
    if (age > maxAgeDays) {
      return [signal('browser-outdated', claim.family, `${claim.token}${claim.major} was released by ${isoDay(releasedBy)}, ${age} days before the reference date ${isoDay(asOf)}.`, {
        family: claim.family, major: claim.major, releasedBy: isoDay(releasedBy), asOf: isoDay(asOf), ageDays: age, maxAgeDays,
      })];
    }
  }
  const projected = table === undefined ? undefined : projectedMaxMajor(table, asOf);
  if (projected !== undefined && claim.major > projected) {
    return [signal('browser-version-unreleased', claim.family, `${claim.token}${claim.major} is newer than any release plausible by ${isoDay(asOf)} (at most ${projected}).`, {
      family: claim.family, major: claim.major, projectedMax: projected, asOf: isoDay(asOf),
    })];
  }
  return [];
}

// Formatting dates was 8% of classifying the browser corpus (old browsers are common), and the
// same few release and reference days recur: keep their text, bounded.
const DAY_MS = 86_400_000;
const MAX_TIME = 8.64e15;
const isoDays = new Map<number, string>();

function isoDay(time: number): string {
  if (!(Math.abs(time) <= MAX_TIME)) return new Date(time).toISOString().slice(0, 10);
  const day = Math.floor(time / DAY_MS);
  let text = isoDays.get(day);
  if (text === undefined) {
    if (isoDays.size >= 4096) isoDays.clear();
    text = new Date(time).toISOString().slice(0, 10);
    isoDays.set(day, text);
  }
  return text;
}

// ua-parser-js 1.0.x reads a Safari major of 6 or more only from a `Version/` token (its other
// Safari rule maps WebKit builds to 1.x–2.x), and the Mobile Safari check compares that very
// token: without one neither Safari check can fire, and browser and OS need not be parsed.
const VERSION_TOKEN = /version\//iu;

/**
 * Combinations no real browser produces. `parsed` is read only for agents with a `Version/`
 * token (the Safari checks), so a lazily parsing `ParsedAgent` costs nothing for the others.
 */
export function impossibleSignals(ua: string, parsed: ParsedAgent): AgentSignal[] {
  const out: AgentSignal[] = [];
  const hasWindowsNt = ua.includes('Windows NT');
  if (hasWindowsNt) {
    if (ua.includes('iPhone') || ua.includes('iPad')) impossible(out, 'ios-with-windows', 'The user agent claims both an iOS device and Windows.', { tokens: 'iPhone/iPad + Windows NT' });
    if (ua.includes('Android')) impossible(out, 'android-with-windows', 'The user agent claims both Android and Windows.', { tokens: 'Android + Windows NT' });
    if (ua.includes('Macintosh')) impossible(out, 'mac-with-windows', 'The user agent claims both a Mac and Windows.', { tokens: 'Macintosh + Windows NT' });
  }
  // Undefined unless the agent may be read as Safari (see VERSION_TOKEN); OS only read after the browser.
  const safari = VERSION_TOKEN.test(ua) ? parsed.browser : undefined;
  if (safari?.name === 'Safari' && safari.major !== undefined && safari.major >= 6 && parsed.os.name === 'Windows') {
    impossible(out, 'safari-on-windows', `Safari ${safari.major} on Windows: Apple's last Windows release was Safari 5.1.`, { browser: 'Safari', major: safari.major, os: 'Windows' });
  }
  if (ua.includes('Edg/') && (ua.includes('iPhone') || ua.includes('iPad') || ua.includes('Android'))) {
    impossible(out, 'edge-desktop-token-on-mobile', 'The desktop Edge token "Edg/" appears on a mobile platform (mobile Edge sends EdgA/ or EdgiOS/).', { tokens: 'Edg/ + mobile' });
  }
  if ((ua.includes('iPhone') || ua.includes('iPad')) && ua.includes('Chrome/') && !ua.includes('CriOS/')) {
    // Every iOS browser runs WebKit and Chrome there says CriOS/; a Blink Chrome/ token is forged.
    impossible(out, 'blink-on-ios', 'The user agent claims an iOS device with a desktop/Android Chrome/ token; Chrome on iOS sends CriOS/.', { tokens: 'iPhone/iPad + Chrome/' });
  }
  if (ua.includes('Firefox/') && ua.includes('Chrome/')) {
    impossible(out, 'gecko-with-blink', 'The user agent claims both Firefox and Chrome.', { tokens: 'Firefox/ + Chrome/' });
  }
  const ntVersion = windowsNtVersion(ua);
  if (ntVersion !== undefined) {
    const chrome = majorAfter(ua, 'Chrome/');
    const firefox = majorAfter(ua, 'Firefox/');
    // Last supported releases: Chrome 49 and Firefox 52 ESR on XP/Vista, Chrome 109 and Firefox 115 ESR on 7/8/8.1.
    if (ntVersion < 6.1) {
      if (chrome !== undefined && chrome > 49) impossible(out, 'browser-too-new-for-windows', `Chrome ${chrome} on Windows NT ${ntVersion}: Chrome 49 was the last for XP and Vista.`, { browser: 'Chrome', major: chrome, windowsNt: ntVersion, lastSupported: 49 });
      if (firefox !== undefined && firefox > 52) impossible(out, 'browser-too-new-for-windows', `Firefox ${firefox} on Windows NT ${ntVersion}: Firefox 52 ESR was the last for XP and Vista.`, { browser: 'Firefox', major: firefox, windowsNt: ntVersion, lastSupported: 52 });
    } else if (ntVersion < 10) {
      if (chrome !== undefined && chrome > 109) impossible(out, 'browser-too-new-for-windows', `Chrome ${chrome} on Windows NT ${ntVersion}: Chrome 109 was the last for Windows 7 and 8.1.`, { browser: 'Chrome', major: chrome, windowsNt: ntVersion, lastSupported: 109 });
      if (firefox !== undefined && firefox > 115) impossible(out, 'browser-too-new-for-windows', `Firefox ${firefox} on Windows NT ${ntVersion}: Firefox 115 ESR was the last for Windows 7 and 8.1.`, { browser: 'Firefox', major: firefox, windowsNt: ntVersion, lastSupported: 115 });
    }
  }
  if (safari?.name === 'Mobile Safari' && parsed.os.name === 'iOS') {
    const version = majorAfter(ua, 'Version/');
    const iosMajor = parsed.os.version === undefined ? undefined : Number.parseInt(parsed.os.version, 10);
    // Since iOS 26 the OS token is frozen at 18_x while Version/ carries the real release.
    const frozen = version !== undefined && version >= 26 && iosMajor === 18;
    if (version !== undefined && iosMajor !== undefined && Number.isFinite(iosMajor) && version !== iosMajor && !frozen) {
      impossible(out, 'safari-ios-version-mismatch', `Mobile Safari ${version} on iOS ${iosMajor}: Safari on iOS always matches the OS major.`, { safari: version, ios: iosMajor });
    }
  }
  return out;
}

// A module function, not a closure per call: closures cost an allocation (and, under tsx, a
// naming helper) on every classified agent.
function impossible(out: AgentSignal[], check: string, message: string, evidence: Record<string, EvidenceValue>): void {
  out.push(signal('impossible-combination', check, message, evidence));
}

function windowsNtVersion(ua: string): number | undefined {
  const at = ua.indexOf('Windows NT ');
  if (at < 0) return undefined;
  const major = majorAfter(ua, 'Windows NT ');
  if (major === undefined) return undefined;
  const dot = at + 'Windows NT '.length + String(major).length;
  if (ua.charCodeAt(dot) === 46) {
    const minor = ua.charCodeAt(dot + 1) - 48;
    if (minor >= 0 && minor <= 9) return major + minor / 10;
  }
  return major;
}
