/**
 * Where the IP lists come from and how they become one lookup index: the source
 * catalogue (`datasets/ip-sources.json`), the curated hosting ASNs
 * (`datasets/hosting-asns.json`), the cache directory the updater writes, and the
 * optional IP→ASN database.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, PartnerguardError } from '../../engine/errors.js';
import { loadAsnDatabase, type AsnDatabase } from './asn-db.js';
import { readAsnTable } from './asn-table.js';
import { IP_LIST_FORMATS, parseIpList, type IpListEntry, type IpListFormat } from './formats.js';
import { PARSED_V4, PARSED_V6, parseCidr, parseIpInto, words, wordsToBigInt } from './parse.js';
import { RangeTableBuilder, type RangeTable } from './table.js';

/** What kind of network an address belongs to, in precedence order. */
export type IpNetworkKind = 'crawler' | 'relay' | 'tor' | 'vpn' | 'hosting' | 'unknown';

/** A list kind: every {@link IpNetworkKind} but `unknown`. */
export type IpListNetwork = Exclude<IpNetworkKind, 'unknown'>;

// The precedence: lists overlap (Bingbot inside Azure, relay inside datacenter lists).
const NETWORK_RANK: Readonly<Record<IpListNetwork, number>> = { crawler: 1, relay: 2, tor: 3, vpn: 4, hosting: 5 };

/** One downloadable list, as `datasets/ip-sources.json` describes it. */
export interface IpSource {
  /** Stable id, also used in results (`source`) and the manifest. */
  readonly id: string;
  /** The publisher's URL. */
  readonly url: string;
  /** How the file is parsed. */
  readonly format: IpListFormat;
  /** What a match means. */
  readonly network: IpListNetwork;
  /** Crawler, provider or operator name reported for a match. */
  readonly name: string;
  /** File name inside `<dataDir>/ip/`. */
  readonly file: string;
  /** Size cap for this source in bytes, overriding the updater's default. */
  readonly maxBytes?: number;
  /** Set when `url` is a page that links to the real file (Azure's weekly, renamed download). */
  readonly resolve?: 'azure-download-page';
}

/** A list handed over in memory instead of read from the cache directory. */
export interface IpListInput {
  /** Id reported as `source` in results. */
  readonly id: string;
  /** How `text` is parsed. */
  readonly format: IpListFormat;
  /** What a match means. */
  readonly network: IpListNetwork;
  /** Crawler, provider or operator name reported for a match. */
  readonly name: string;
  /** The file's contents. */
  readonly text: string;
}

/** Where {@link buildIpIndex} reads from. Every field is optional. */
export interface IpDataOptions {
  /**
   * Data directory the updater writes (lists live in its `ip/` folder); `false` reads no
   * cache. Default: {@link defaultDataDir}.
   */
  readonly dir?: string | false;
  /** Extra lists, ranked after cached lists of the same network kind. */
  readonly lists?: readonly IpListInput[];
  /**
   * The IP→ASN database: `true` (default) reads the packed table the package ships
   * (`datasets/asn/ip-asn.bin`, built from `@ip-location-db/asn`), a string is a directory
   * of that package's CSV files (a newer release, say), `false` skips it (no `asn`/`org`,
   * no ASN-based hosting detection).
   */
  readonly asnDatabase?: boolean | string;
}

/** How one list fared while loading. */
export interface IpListStatus {
  /** The source or input id. */
  readonly id: string;
  /** What a match means. */
  readonly network: IpListNetwork;
  /** Where it came from. */
  readonly from: 'cache' | 'input' | 'curated';
  /** Ranges or ASNs read. */
  readonly entries: number;
  /** Lines or items that did not parse and were skipped. */
  readonly skipped: number;
  /** Why the list could not be used, when it could not. */
  readonly error?: string;
}

/** What the IP index holds, for diagnostics and the CLI. */
export interface IpDataStatus {
  /** The data directory read, if any. */
  readonly dir: string | undefined;
  /** One row per list read (or failed). */
  readonly lists: readonly IpListStatus[];
  /** The IP→ASN database. */
  readonly asnDatabase: {
    /** Whether it was loaded. */
    readonly loaded: boolean;
    /** The packed table or the CSV directory read. */
    readonly dir?: string;
    /** Why it was not loaded, when it was wanted. */
    readonly error?: string;
  };
  /** Flattened list ranges per family. */
  readonly ranges: { readonly v4: number; readonly v6: number };
  /** Milliseconds spent building the index. */
  readonly loadMs: number;
}

/** What a match in the index means. */
export interface IpLabel {
  /** Network kind. */
  readonly network: IpListNetwork;
  /** Crawler, provider or operator name. */
  readonly name: string;
  /** Id of the list that matched; `asn:<list>` when matched through the announcing ASN. */
  readonly source: string;
}

/** The built lookup structures. */
export interface IpIndex {
  /** List ranges; values index {@link IpIndex.labels}. */
  readonly table: RangeTable;
  /** Labels referenced by the table. */
  readonly labels: readonly IpLabel[];
  /** ASN → label for ASN-based lists. */
  readonly asnLabels: ReadonlyMap<number, IpLabel>;
  /** IP→ASN data, when loaded. */
  readonly asn: AsnDatabase | undefined;
  /** What was loaded. */
  readonly status: IpDataStatus;
}

/**
 * The default data directory: `$PARTNERGUARD_DATA_DIR`, else
 * `$XDG_CACHE_HOME/partnerguard`, else `~/.cache/partnerguard`.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.PARTNERGUARD_DATA_DIR;
  if (explicit !== undefined && explicit !== '') return explicit;
  const cache = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'partnerguard');
}

/** The folder inside a data directory that holds the IP lists and their manifest. */
export function ipListDir(dataDir: string): string {
  return join(dataDir, 'ip');
}

/** The packed IP→ASN table the package ships. */
const BUNDLED_ASN_TABLE = fileURLToPath(new URL('../../../datasets/asn/ip-asn.bin', import.meta.url));

function readDataset(name: string): unknown {
  const url = new URL(`../../../datasets/${name}`, import.meta.url);
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as unknown;
  } catch (error) {
    throw new PartnerguardError(`cannot read bundled dataset datasets/${name}; reinstall partnerguard`, 'PARTNERGUARD_ERROR', { cause: error });
  }
}

let sourcesCache: readonly IpSource[] | undefined;

/** The sources in `datasets/ip-sources.json`, validated and frozen (read once). */
export function ipSources(): readonly IpSource[] {
  if (sourcesCache !== undefined) return sourcesCache;
  const doc = readDataset('ip-sources.json') as { sources?: unknown };
  if (!Array.isArray(doc.sources)) throw new PartnerguardError('datasets/ip-sources.json: "sources" must be an array');
  sourcesCache = Object.freeze(doc.sources.map((raw: unknown, i) => Object.freeze(validateSource(raw, `datasets/ip-sources.json: sources[${i}]`))));
  return sourcesCache;
}

/**
 * Checks one source description (the shape of `datasets/ip-sources.json` entries).
 *
 * @throws {InputError} Naming the offending field.
 */
export function validateSource(raw: unknown, where: string): IpSource {
  const s = raw as Partial<Record<keyof IpSource, unknown>>;
  const bad = (field: string, want: string): never => {
    throw new InputError(`${where}.${field}: expected ${want}`, { location: `${where}.${field}` });
  };
  if (typeof raw !== 'object' || raw === null) bad('', 'an object');
  if (typeof s.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/u.test(s.id)) bad('id', 'a lower-case id');
  if (typeof s.url !== 'string' || !/^https?:\/\//u.test(s.url)) bad('url', 'an http(s) URL');
  if (typeof s.format !== 'string' || !(IP_LIST_FORMATS as readonly string[]).includes(s.format)) bad('format', IP_LIST_FORMATS.join(' | '));
  if (typeof s.network !== 'string' || !(s.network in NETWORK_RANK)) bad('network', Object.keys(NETWORK_RANK).join(' | '));
  if (typeof s.name !== 'string' || s.name === '') bad('name', 'a name');
  if (typeof s.file !== 'string' || !/^[\w.-]+$/u.test(s.file)) bad('file', 'a plain file name');
  if (s.maxBytes !== undefined && (typeof s.maxBytes !== 'number' || !(s.maxBytes > 0))) bad('maxBytes', 'a positive number');
  if (s.resolve !== undefined && s.resolve !== 'azure-download-page') bad('resolve', '"azure-download-page"');
  return raw as IpSource;
}

interface CuratedAsn {
  readonly asn: number;
  readonly provider: string;
}

let curatedCache: readonly CuratedAsn[] | undefined;

/** The curated hosting ASNs in `datasets/hosting-asns.json` (read once). */
export function curatedHostingAsns(): readonly CuratedAsn[] {
  if (curatedCache !== undefined) return curatedCache;
  const doc = readDataset('hosting-asns.json') as { asns?: unknown };
  if (!Array.isArray(doc.asns)) throw new PartnerguardError('datasets/hosting-asns.json: "asns" must be an array');
  curatedCache = Object.freeze(
    doc.asns.map((e: unknown, i) => {
      const entry = e as { asn?: unknown; provider?: unknown };
      if (typeof entry.asn !== 'number' || typeof entry.provider !== 'string') {
        throw new PartnerguardError(`datasets/hosting-asns.json: asns[${i}] needs a numeric "asn" and a "provider"`);
      }
      return Object.freeze({ asn: entry.asn, provider: entry.provider });
    }),
  );
  return curatedCache;
}

/** Range and skip counts of one parsed list. */
export interface CompiledCounts {
  /** Ranges or ASNs usable. */
  readonly entries: number;
  /** Entries that did not parse. */
  readonly skipped: number;
}

/**
 * Parses a list's text and checks that it looks like what it claims to be, without
 * building anything: at least one usable entry and at most 10% unusable ones. The
 * updater runs this before replacing a cached file.
 *
 * @throws {InputError} When the text is garbage for `format`.
 */
export function checkIpList(text: string, format: IpListFormat, id: string): CompiledCounts {
  const counts = compileEntries(parseIpList(text, format, id), undefined, 0, 0);
  if (counts.entries === 0 || counts.skipped * 10 > counts.entries + counts.skipped) {
    throw new InputError(`${id}: ${counts.skipped} of ${counts.entries + counts.skipped} entries are not addresses, ranges or ASNs for format "${format}"`, { location: id });
  }
  return counts;
}

function compileEntries(
  entries: readonly IpListEntry[],
  builder: RangeTableBuilder | undefined,
  priority: number,
  value: number,
  labelFor?: (name: string) => number,
  onAsn?: (asn: number, name: string | undefined) => void,
): CompiledCounts {
  let ok = 0;
  let skipped = 0;
  for (const entry of entries) {
    if ('asn' in entry) {
      onAsn?.(entry.asn, entry.name);
      ok++;
    } else if ('cidr' in entry) {
      const range = parseCidr(entry.cidr);
      if (range === null) {
        skipped++;
        continue;
      }
      ok++;
      if (builder === undefined) continue;
      if (range.version === 4) builder.add4(priority, range.start, range.end, value);
      else builder.add6(priority, range.start, range.end, value);
    } else {
      const first = parseIpInto(entry.first);
      const start = first === PARSED_V4 ? words[3]! : first === PARSED_V6 ? wordsToBigInt(words) : undefined;
      const last = parseIpInto(entry.last);
      const end = last === PARSED_V4 ? words[3]! : last === PARSED_V6 ? wordsToBigInt(words) : undefined;
      if (start === undefined || end === undefined || typeof start !== typeof end || start > end) {
        skipped++;
        continue;
      }
      ok++;
      if (builder === undefined) continue;
      const v = entry.name !== undefined && labelFor !== undefined ? labelFor(entry.name) : value;
      if (typeof start === 'number') builder.add4(priority, start, end as number, v);
      else builder.add6(priority, start, end as bigint, v);
    }
  }
  return { entries: ok, skipped };
}

/**
 * Builds the lookup index: cached lists from `<dir>/ip/`, then `options.lists`, the
 * curated hosting ASNs and the IP→ASN database. A list that cannot be read is reported
 * in `status.lists[].error` and skipped; this never throws for bad data.
 */
export function buildIpIndex(options: IpDataOptions = {}): IpIndex {
  const started = performance.now();
  const dir = options.dir === false ? undefined : (options.dir ?? defaultDataDir());
  const builder = new RangeTableBuilder();
  const labels: IpLabel[] = [];
  const labelIds = new Map<string, number>();
  const label = (network: IpListNetwork, name: string, source: string): number => {
    const key = `${network}\u0000${name}\u0000${source}`;
    let id = labelIds.get(key);
    if (id === undefined) {
      id = labels.length;
      labels.push(Object.freeze({ network, name, source }));
      labelIds.set(key, id);
    }
    return id;
  };
  const asnLabels = new Map<number, IpLabel>();
  const asnRanks = new Map<number, number>();
  const statuses: IpListStatus[] = [];
  let order = 0;

  const addList = (id: string, format: IpListFormat, network: IpListNetwork, name: string, text: string, from: IpListStatus['from']): void => {
    order++;
    const priority = NETWORK_RANK[network] * 100_000 + order;
    try {
      const entries = parseIpList(text, format, id);
      const counts = compileEntries(
        entries,
        builder,
        priority,
        label(network, name, id),
        (rowName) => label(network, rowName, id),
        (asn, rowName) => {
          const rank = asnRanks.get(asn);
          if (rank !== undefined && rank <= priority) return;
          asnRanks.set(asn, priority);
          asnLabels.set(asn, Object.freeze({ network, name: rowName ?? name, source: `asn:${id}` }));
        },
      );
      statuses.push({ id, network, from, ...counts });
    } catch (error) {
      statuses.push({ id, network, from, entries: 0, skipped: 0, error: error instanceof Error ? error.message : String(error) });
    }
  };

  if (dir !== undefined) {
    const listDir = ipListDir(dir);
    for (const source of ipSources()) {
      const path = join(listDir, source.file);
      if (!existsSync(path)) continue;
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        statuses.push({ id: source.id, network: source.network, from: 'cache', entries: 0, skipped: 0, error: String(error) });
        continue;
      }
      addList(source.id, source.format, source.network, source.name, text, 'cache');
    }
  }
  for (const list of options.lists ?? []) addList(list.id, list.format, list.network, list.name, list.text, 'input');

  // Curated hosting ASNs rank after every hosting range list but before other ASN lists' hosting verdicts.
  const curatedRank = NETWORK_RANK.hosting * 100_000 + 50_000;
  for (const { asn, provider } of curatedHostingAsns()) {
    const rank = asnRanks.get(asn);
    if (rank !== undefined && rank < NETWORK_RANK.hosting * 100_000) continue;
    asnRanks.set(asn, curatedRank);
    asnLabels.set(asn, Object.freeze({ network: 'hosting', name: provider, source: 'asn:hosting-asns' }));
  }
  statuses.push({ id: 'hosting-asns', network: 'hosting', from: 'curated', entries: curatedHostingAsns().length, skipped: 0 });

  let asn: AsnDatabase | undefined;
  let asnStatus: IpDataStatus['asnDatabase'] = { loaded: false };
  if (options.asnDatabase !== false) {
    const asnDir = typeof options.asnDatabase === 'string' ? options.asnDatabase : BUNDLED_ASN_TABLE;
    try {
      asn = asnDir === BUNDLED_ASN_TABLE ? readAsnTable(asnDir) : loadAsnDatabase(asnDir);
      asnStatus = { loaded: true, dir: asnDir };
    } catch (error) {
      asnStatus = { loaded: false, dir: asnDir, error: error instanceof Error ? error.message : String(error) };
    }
  }

  const table = builder.build();
  const status: IpDataStatus = { dir, lists: statuses, asnDatabase: asnStatus, ranges: table.size, loadMs: Math.round(performance.now() - started) };
  return { table, labels, asnLabels, asn, status };
}
