/**
 * The curated reference data the sample generator draws from: `datasets/sample-user-agents.json`
 * and `datasets/sample-ip-ranges.json` (each entry names its source there).
 * @module
 */
import { readFileSync } from 'node:fs';

/** One browser user agent with its popularity rank. */
export interface SampleBrowser {
  /** The user-agent string. */
  readonly ua: string;
  /** `desktop` or `mobile`. */
  readonly device: 'desktop' | 'mobile';
  /** Popularity rank within its device list (1 = most common). */
  readonly rank: number;
}

/** One automated-client user agent. */
export interface SampleBot {
  /** The user-agent string. */
  readonly ua: string;
  /** `crawler`, `headless` or `library`. */
  readonly kind: 'crawler' | 'headless' | 'library';
  /** For crawlers, which one (spoofed-crawler traffic claims to be it). */
  readonly crawler?: string;
}

/** One IPv4 /16 block. */
export interface SampleRange {
  /** The block, `a.b.0.0/16`. */
  readonly cidr: string;
  /** Announcing ASN. */
  readonly asn: number;
  /** For residential blocks, the audience region (`us`, `de`, …). */
  readonly region?: string;
  /** For datacenter blocks, the hosting provider. */
  readonly provider?: string;
}

/** Everything the generator reads from `datasets/`. */
export interface SampleData {
  /** Browser user agents. */
  readonly browsers: readonly SampleBrowser[];
  /** Bot user agents. */
  readonly bots: readonly SampleBot[];
  /** Consumer-ISP blocks. */
  readonly residential: readonly SampleRange[];
  /** Hosting-provider blocks. */
  readonly datacenter: readonly SampleRange[];
}

let cached: SampleData | undefined;

function readJson(name: string): unknown {
  // The same relative path works from src/clicks/sample and dist/clicks/sample.
  return JSON.parse(readFileSync(new URL(`../../datasets/${name}`, import.meta.url), 'utf8'));
}

/** Loads (once) the generator's reference data. */
export function sampleData(): SampleData {
  if (cached !== undefined) return cached;
  const uas = readJson('sample-user-agents.json') as { browsers: SampleBrowser[]; bots: SampleBot[] };
  const ranges = readJson('sample-ip-ranges.json') as { residential: SampleRange[]; datacenter: SampleRange[] };
  cached = Object.freeze({ browsers: uas.browsers, bots: uas.bots, residential: ranges.residential, datacenter: ranges.datacenter });
  return cached;
}
