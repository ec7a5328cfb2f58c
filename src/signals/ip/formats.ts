/**
 * Parsers for the formats the IP lists are published in. Each turns the text of one
 * file into entries; structurally wrong input (not JSON, wrong shape, nothing usable)
 * throws {@link InputError}, so the updater can refuse garbage before replacing a file.
 *
 * @module
 */
import { InputError } from '../../engine/errors.js';

/** The file formats {@link parseIpList} understands. */
export type IpListFormat =
  | 'cidr-list'
  | 'geofeed-csv'
  | 'google-json'
  | 'aws-json'
  | 'azure-service-tags'
  | 'oracle-json'
  | 'ip-fetcher-json'
  | 'tor-onionoo-csv'
  | 'ip-range-csv'
  | 'asn-list'
  | 'asn-csv';

/** Every supported format, for validating configuration. */
export const IP_LIST_FORMATS: readonly IpListFormat[] = Object.freeze([
  'cidr-list',
  'geofeed-csv',
  'google-json',
  'aws-json',
  'azure-service-tags',
  'oracle-json',
  'ip-fetcher-json',
  'tor-onionoo-csv',
  'ip-range-csv',
  'asn-list',
  'asn-csv',
]);

/** One entry of a parsed list: a CIDR (or bare address), an inclusive span, or an ASN. */
export type IpListEntry =
  | { readonly cidr: string }
  | { readonly first: string; readonly last: string; readonly name?: string }
  | { readonly asn: number; readonly name?: string };

// Bing's file has carried U+200B inside prefixes since 2022; BOMs and stray controls also occur.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2060\ufeff]/gu;

function clean(text: string): string {
  return text.replace(INVISIBLE, '').trim();
}

function lines(text: string): string[] {
  return text.split(/\r?\n/u);
}

function fail(message: string, id: string): never {
  throw new InputError(`${id}: ${message}`, { location: id });
}

function parseJson(text: string, id: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return fail(`not valid JSON (${error instanceof Error ? error.message : String(error)})`, id);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayAt(value: unknown, key: string): unknown[] {
  if (!isRecord(value)) return [];
  const found = value[key];
  return Array.isArray(found) ? found : [];
}

function stringsOf(items: unknown[], key: string, out: IpListEntry[]): void {
  for (const item of items) {
    if (isRecord(item) && typeof item[key] === 'string') out.push({ cidr: clean(item[key]) });
  }
}

/**
 * Parses one list file. `id` names the list in error messages.
 *
 * @throws {InputError} When the text is not in `format` or holds no usable entry.
 */
export function parseIpList(text: string, format: IpListFormat, id: string): IpListEntry[] {
  const out: IpListEntry[] = [];
  switch (format) {
    case 'cidr-list':
    case 'geofeed-csv':
      for (const line of lines(text)) {
        const comma = line.indexOf(',');
        const field = clean(comma >= 0 ? line.slice(0, comma) : line);
        if (field === '' || field.startsWith('#')) continue;
        out.push({ cidr: field });
      }
      break;
    case 'google-json': {
      const doc = parseJson(text, id);
      const prefixes = arrayAt(doc, 'prefixes');
      stringsOf(prefixes, 'ipv4Prefix', out);
      stringsOf(prefixes, 'ipv6Prefix', out);
      break;
    }
    case 'aws-json': {
      const doc = parseJson(text, id);
      stringsOf(arrayAt(doc, 'prefixes'), 'ip_prefix', out);
      stringsOf(arrayAt(doc, 'ipv6_prefixes'), 'ipv6_prefix', out);
      break;
    }
    case 'azure-service-tags': {
      const doc = parseJson(text, id);
      // The weekly file holds ~3,000 tags; AzureCloud is the union of all public Azure space.
      const values = isRecord(doc) && Array.isArray(doc.values) ? doc.values : [doc];
      const tag = values.find((v) => isRecord(v) && v.name === 'AzureCloud');
      const properties = isRecord(tag) ? tag.properties : undefined;
      for (const prefix of arrayAt(properties, 'addressPrefixes')) {
        if (typeof prefix === 'string') out.push({ cidr: clean(prefix) });
      }
      break;
    }
    case 'oracle-json': {
      const doc = parseJson(text, id);
      for (const region of arrayAt(doc, 'regions')) stringsOf(arrayAt(region, 'cidrs'), 'cidr', out);
      break;
    }
    case 'ip-fetcher-json': {
      const doc = parseJson(text, id);
      for (const key of ['IPv4Prefixes', 'IPv6Prefixes']) {
        for (const prefix of arrayAt(doc, key)) if (typeof prefix === 'string') out.push({ cidr: clean(prefix) });
      }
      break;
    }
    case 'tor-onionoo-csv':
      for (const line of lines(text)) {
        const fields = line.split(',');
        const address = clean(fields[1] ?? '');
        if (address === '' || address === 'ipaddr') continue;
        out.push({ cidr: address });
      }
      break;
    case 'ip-range-csv':
      for (const line of lines(text)) {
        const [first, last, name] = line.split(',');
        if (first === undefined || last === undefined || clean(first) === '' || first.startsWith('#')) continue;
        const provider = clean(name ?? '');
        out.push(provider === '' ? { first: clean(first), last: clean(last) } : { first: clean(first), last: clean(last), name: provider });
      }
      break;
    case 'asn-list':
    case 'asn-csv':
      for (const line of lines(text)) {
        const match = /^\s*(?:AS)?(\d{1,10})\s*(?:[,#]\s*"?([^"]*)"?)?/iu.exec(line);
        if (match === null) continue;
        const asn = Number(match[1]);
        if (asn === 0 || asn > 0xffffffff) continue;
        const name = clean(match[2] ?? '');
        out.push(name === '' ? { asn } : { asn, name });
      }
      break;
    default:
      return fail(`unknown list format "${String(format)}"`, id);
  }
  if (out.length === 0) fail(`no entries found for format "${format}"`, id);
  return out;
}
