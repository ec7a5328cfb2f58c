import type { ParsedAgent } from './parse.js';
import { majorAfter } from './releases.js';
import { signal } from './suspicion.js';
import type { AgentSignal, ClientHints } from './types.js';

/** One brand of a `Sec-CH-UA` list. */
export interface HintBrand {
  /** Brand name as sent. */
  readonly brand: string;
  /** Its significant version (major), as sent. */
  readonly version: string;
}

// Real headers are under 200 characters; a longer one is itself suspect and not worth reading.
const MAX_HINT_LENGTH = 512;

/**
 * Parses a `Sec-CH-UA` structured-field list (RFC 8941 subset: quoted strings with a `v`
 * parameter). A single pass; malformed items are skipped, never thrown.
 */
export function parseBrandList(header: string): HintBrand[] {
  const text = header.length > MAX_HINT_LENGTH ? header.slice(0, MAX_HINT_LENGTH) : header;
  const brands: HintBrand[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === ',')) i++;
    if (text[i] !== '"') {
      i = skipItem(text, i);
      continue;
    }
    const [brand, afterBrand] = readQuoted(text, i);
    i = afterBrand;
    let version = '';
    while (i < text.length && text[i] !== ',') {
      if (text[i] === ';') {
        i++;
        while (text[i] === ' ') i++;
        const eq = text.indexOf('=', i);
        if (eq < 0) break;
        const key = text.slice(i, eq).trim();
        i = eq + 1;
        if (text[i] === '"') {
          const [value, after] = readQuoted(text, i);
          if (key === 'v') version = value;
          i = after;
        } else {
          const end = nextDelimiter(text, i);
          if (key === 'v') version = text.slice(i, end).trim();
          i = end;
        }
      } else {
        i++;
      }
    }
    brands.push({ brand, version });
  }
  return brands;
}

function readQuoted(text: string, start: number): [string, number] {
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && i + 1 < text.length) i++;
    value += text[i];
    i++;
  }
  return [value, i + 1];
}

function skipItem(text: string, start: number): number {
  const comma = text.indexOf(',', start);
  return comma < 0 ? text.length : comma + 1;
}

function nextDelimiter(text: string, start: number): number {
  let i = start;
  while (i < text.length && text[i] !== ';' && text[i] !== ',') i++;
  return i;
}

/** The unquoted value of an sf-string header such as `Sec-CH-UA-Platform`. */
export function unquote(value: string): string {
  const v = value.trim().slice(0, MAX_HINT_LENGTH);
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

const CHROMIUM_BRANDS = new Set(['Chromium', 'Google Chrome', 'Microsoft Edge', 'Opera', 'Brave', 'HeadlessChrome']);

function platformOf(osName: string | undefined): string | undefined {
  switch (osName) {
    case 'Windows':
      return 'Windows';
    case 'Mac OS':
    case 'macOS':
      return 'macOS';
    case 'Android':
      return 'Android';
    case 'iOS':
      return 'iOS';
    case 'Chromium OS':
    case 'Chrome OS':
      return 'Chrome OS';
    case 'Linux':
    case 'Ubuntu':
    case 'Debian':
    case 'Fedora':
    case 'Arch':
    case 'Mint':
    case 'openSUSE':
    case 'Gentoo':
    case 'CentOS':
    case 'Red Hat':
      return 'Linux';
    default:
      return undefined;
  }
}

/** The result of reading hints against a user agent. */
export interface HintFindings {
  /** Mismatch signals. */
  readonly signals: AgentSignal[];
  /** True when the brand list announces a headless browser. */
  readonly headless: boolean;
}

/** Compares client hints with what the user agent claims. */
export function clientHintSignals(ua: string, parsed: ParsedAgent, hints: ClientHints): HintFindings {
  const out: AgentSignal[] = [];
  let headless = false;
  const add = (check: string, message: string, evidence: Record<string, string | number | boolean>): void => {
    out.push(signal('client-hints-mismatch', check, message, evidence));
  };
  const uaChrome = majorAfter(ua, 'Chrome/');
  if (typeof hints.secChUa === 'string' && hints.secChUa.trim() !== '') {
    const brands = parseBrandList(hints.secChUa);
    const byName = new Map(brands.map((b) => [b.brand, b.version]));
    headless = byName.has('HeadlessChrome');
    const chromium = byName.get('Chromium') ?? byName.get('Google Chrome') ?? byName.get('HeadlessChrome');
    const claimsChromium = brands.some((b) => CHROMIUM_BRANDS.has(b.brand));
    if (claimsChromium && uaChrome === undefined) {
      add('brands-without-chrome-token', 'Sec-CH-UA names a Chromium browser but the user agent has no Chrome/ token (Firefox and Safari send no client hints).', {
        secChUa: hints.secChUa.slice(0, 200), browser: parsed.browser.name ?? '',
      });
    } else if (chromium !== undefined && uaChrome !== undefined) {
      const hinted = Number.parseInt(chromium, 10);
      if (Number.isFinite(hinted) && hinted !== uaChrome) {
        add('chromium-version', `Sec-CH-UA says Chromium ${hinted}, the user agent says Chrome/${uaChrome}.`, { hinted, claimed: uaChrome });
      }
    }
    const edgeHint = byName.has('Microsoft Edge');
    const edgeUa = ua.includes('Edg/') || ua.includes('EdgA/');
    if (uaChrome !== undefined && claimsChromium && edgeHint !== edgeUa) {
      add('edge-brand', edgeHint ? 'Sec-CH-UA names Microsoft Edge but the user agent has no Edg/ token.' : 'The user agent claims Edge (Edg/) but Sec-CH-UA does not name Microsoft Edge.', { hintEdge: edgeHint, uaEdge: edgeUa });
    }
    const operaHint = byName.has('Opera');
    const operaUa = ua.includes('OPR/');
    if (uaChrome !== undefined && claimsChromium && operaHint !== operaUa) {
      add('opera-brand', operaHint ? 'Sec-CH-UA names Opera but the user agent has no OPR/ token.' : 'The user agent claims Opera (OPR/) but Sec-CH-UA does not name Opera.', { hintOpera: operaHint, uaOpera: operaUa });
    }
  }
  if (typeof hints.secChUaPlatform === 'string' && hints.secChUaPlatform.trim() !== '') {
    const hinted = unquote(hints.secChUaPlatform);
    const claimed = platformOf(parsed.os.name);
    if (claimed !== undefined && hinted !== '' && hinted !== 'Unknown' && hinted !== claimed) {
      add('platform', `Sec-CH-UA-Platform says ${hinted}, the user agent says ${parsed.os.name ?? claimed}.`, { hinted, claimed });
    }
  }
  if (typeof hints.secChUaMobile === 'string' && hints.secChUaMobile.trim() !== '') {
    const hinted = hints.secChUaMobile.trim();
    const platform = platformOf(parsed.os.name);
    const desktopUa = platform === 'Windows' || platform === 'macOS' || platform === 'Linux' || platform === 'Chrome OS';
    const phoneUa = parsed.device.type === 'mobile';
    if (hinted === '?1' && desktopUa) add('mobile', `Sec-CH-UA-Mobile says mobile, the user agent says ${parsed.os.name ?? 'a desktop'}.`, { hinted, claimed: parsed.os.name ?? '' });
    else if (hinted === '?0' && phoneUa) add('mobile', 'Sec-CH-UA-Mobile says not mobile, the user agent says a phone.', { hinted, claimed: parsed.device.model ?? 'mobile' });
    else if (hinted !== '?0' && hinted !== '?1') add('mobile-syntax', 'Sec-CH-UA-Mobile is neither ?0 nor ?1.', { hinted: hinted.slice(0, 40) });
  }
  return { signals: out, headless };
}

/** Reads the three hints from a Node-style header object (lower-case names). */
export function clientHintsFromHeaders(headers: Readonly<Record<string, string | readonly string[] | undefined>>): ClientHints {
  const one = (name: string): string | undefined => {
    const v = headers[name];
    return Array.isArray(v) ? v.join(', ') : (v as string | undefined);
  };
  return { secChUa: one('sec-ch-ua'), secChUaPlatform: one('sec-ch-ua-platform'), secChUaMobile: one('sec-ch-ua-mobile') };
}
