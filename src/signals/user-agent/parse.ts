import { createRequire } from 'node:module';
import type { BrowserInfo, DeviceInfo, OsInfo } from './types.js';

interface UAParserInstance {
  setUA(ua: string): UAParserInstance;
  getBrowser(): { name?: string; version?: string; major?: string };
  getOS(): { name?: string; version?: string };
  getDevice(): { type?: string; vendor?: string; model?: string };
}
type UAParserConstructor = new () => UAParserInstance;

let parser: UAParserInstance | undefined;

function instance(): UAParserInstance {
  if (parser === undefined) {
    // ua-parser-js 1.0.x is CommonJS without bundled types; pinned to 1.0.x because 2.x is AGPL.
    const UAParser = createRequire(import.meta.url)('ua-parser-js') as UAParserConstructor;
    parser = new UAParser();
  }
  return parser;
}

const NO_DEVICE: { type?: string; vendor?: string; model?: string } = Object.freeze({});

/**
 * A Windows desktop agent with no console, phone or tablet marker: ua-parser-js finds no device
 * in it (checked over the test corpus), and its device table is 40% of a parse, so skip it.
 */
export function isPlainWindowsDesktop(ua: string): boolean {
  return (
    ua.includes('Windows NT') &&
    !ua.includes('Xbox') &&
    !ua.includes('Mobile') &&
    !ua.includes('Phone') &&
    !ua.includes('Tablet') &&
    !ua.includes('Touch') &&
    !ua.includes('ARM') &&
    !ua.includes('Android') &&
    !ua.includes('iP')
  );
}

const MAC_DEVICE: { type?: string; vendor?: string; model?: string } = Object.freeze({ vendor: 'Apple', model: 'Macintosh' });

/** A Mac desktop agent, for which ua-parser-js always reports Apple Macintosh (checked over the corpus). */
export function isPlainMacDesktop(ua: string): boolean {
  return ua.includes('(Macintosh;') && !ua.includes('Mobile') && !ua.includes('iP') && !ua.includes('Android') && !ua.includes('Windows');
}

/** Browser, OS and device as claimed by the user agent. */
export interface ParsedAgent {
  /** The claimed browser. */
  readonly browser: BrowserInfo;
  /** The claimed operating system. */
  readonly os: OsInfo;
  /** The claimed device. */
  readonly device: DeviceInfo;
}

/** The browser ua-parser-js reads in `ua`. */
export function parseBrowser(ua: string): BrowserInfo {
  const b = instance().setUA(ua).getBrowser();
  const major = b.major === undefined ? Number.NaN : Number.parseInt(b.major, 10);
  return { name: b.name, version: b.version, major: Number.isFinite(major) ? major : undefined };
}

/** The operating system ua-parser-js reads in `ua`. */
export function parseOs(ua: string): OsInfo {
  const o = instance().setUA(ua).getOS();
  return { name: o.name, version: o.version };
}

/** The device ua-parser-js reads in `ua` (its device table skipped where the answer is known). */
export function parseDevice(ua: string): DeviceInfo {
  const d = isPlainWindowsDesktop(ua) ? NO_DEVICE : isPlainMacDesktop(ua) ? MAC_DEVICE : instance().setUA(ua).getDevice();
  return { type: d.type, vendor: d.vendor, model: d.model };
}

/**
 * Reads browser, OS and device with one reused parser. Engine and CPU are skipped: nothing
 * downstream needs them and they cost a third of a full `getResult()`. Each part can also be
 * read alone, as the classifier does on demand.
 */
export function parseAgent(ua: string): ParsedAgent {
  return { browser: parseBrowser(ua), os: parseOs(ua), device: parseDevice(ua) };
}
