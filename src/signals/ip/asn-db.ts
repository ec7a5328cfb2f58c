/**
 * Reads the IP→ASN tables of `@ip-location-db/asn` (RouteViews, the five RIRs and
 * DB-IP, CC BY 4.0) into a {@link RangeTable} whose values are AS numbers.
 *
 * Parsed from bytes rather than strings: the IPv4 file is ~21 MB, and slicing strings
 * out of it would keep the whole text alive through V8's sliced strings.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PARSED_V6, parseIpInto, words } from './parse.js';
import { RangeTable } from './table.js';

/** An IP→ASN table and the organisation name of each AS. */
export interface AsnDatabase {
  /** Ranges whose values are AS numbers. */
  readonly table: RangeTable;
  /** AS number → organisation, as the database names it. */
  readonly orgs: ReadonlyMap<number, string>;
}

/** Directory of the installed `@ip-location-db/asn` package, or undefined when it is not installed. */
export function asnPackageDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return dirname(require.resolve('@ip-location-db/asn/package.json'));
  } catch {
    return undefined;
  }
}

function orgAt(buf: Buffer, start: number, end: number): string {
  let a = start;
  let b = end;
  if (b > a && buf[b - 1] === 13) b--;
  if (b - a >= 2 && buf[a] === 34 && buf[b - 1] === 34) {
    a++;
    b--;
  }
  const text = buf.toString('utf8', a, b);
  return text.includes('""') ? text.replaceAll('""', '"') : text;
}

function grow(array: Uint32Array<ArrayBuffer>, length: number): Uint32Array<ArrayBuffer> {
  if (length <= array.length) return array;
  const next = new Uint32Array(Math.max(length, array.length * 2));
  next.set(array);
  return next;
}

/**
 * Loads `asn-ipv4-num.csv` and `asn-ipv6.csv` from `dir` (the package's layout, also
 * that of its GitHub releases). Rows out of order or unparsable are skipped.
 */
export function loadAsnDatabase(dir: string): AsnDatabase {
  const orgs = new Map<number, string>();
  const v4 = readFileSync(join(dir, 'asn-ipv4-num.csv'));
  let n4 = 0;
  let s4 = new Uint32Array(1 << 19);
  let e4 = new Uint32Array(1 << 19);
  let a4 = new Uint32Array(1 << 19);
  let last = -1;
  for (let i = 0; i < v4.length; ) {
    const lineEnd = v4.indexOf(10, i);
    const end = lineEnd < 0 ? v4.length : lineEnd;
    let start = 0;
    let stop = 0;
    let asn = 0;
    let f = 0;
    let j = i;
    let ok = true;
    // Three unsigned decimal fields; the organisation (possibly quoted) is the rest of the line.
    for (; j < end; j++) {
      const c = v4[j]!;
      if (c === 44) {
        if (++f === 3) {
          j++;
          break;
        }
      } else if (c >= 48 && c <= 57) {
        if (f === 0) start = start * 10 + (c - 48);
        else if (f === 1) stop = stop * 10 + (c - 48);
        else asn = asn * 10 + (c - 48);
      } else {
        ok = false;
        break;
      }
    }
    if (ok && f === 3 && start > last && stop >= start && stop <= 0xffffffff) {
      if (n4 === s4.length) {
        s4 = grow(s4, n4 + 1);
        e4 = grow(e4, n4 + 1);
        a4 = grow(a4, n4 + 1);
      }
      s4[n4] = start;
      e4[n4] = stop;
      a4[n4] = asn;
      n4++;
      last = stop;
      if (!orgs.has(asn)) orgs.set(asn, orgAt(v4, j, end));
    }
    i = end + 1;
  }

  const v6 = readFileSync(join(dir, 'asn-ipv6.csv'));
  let n6 = 0;
  let s6 = new Uint32Array(1 << 19);
  let e6 = new Uint32Array(1 << 19);
  let a6 = new Uint32Array(1 << 17);
  const prev = [0, 0, 0, 0];
  let first = true;
  for (let i = 0; i < v6.length; ) {
    const lineEnd = v6.indexOf(10, i);
    const end = lineEnd < 0 ? v6.length : lineEnd;
    const c1 = v6.indexOf(44, i);
    const c2 = c1 < 0 ? -1 : v6.indexOf(44, c1 + 1);
    const c3 = c2 < 0 ? -1 : v6.indexOf(44, c2 + 1);
    if (c3 > 0 && c3 < end) {
      let asn = 0;
      for (let j = c2 + 1; j < c3; j++) asn = asn * 10 + (v6[j]! - 48);
      if (parseIpInto(v6.toString('latin1', i, c1)) === PARSED_V6) {
        const sw = [words[0]!, words[1]!, words[2]!, words[3]!];
        const after = first || sw[0]! > prev[0]! || (sw[0] === prev[0] && (sw[1]! > prev[1]! || (sw[1] === prev[1] && (sw[2]! > prev[2]! || (sw[2] === prev[2] && sw[3]! > prev[3]!)))));
        if (after && Number.isInteger(asn) && parseIpInto(v6.toString('latin1', c1 + 1, c2)) === PARSED_V6) {
          if (n6 * 4 + 4 > s6.length) {
            s6 = grow(s6, n6 * 4 + 4);
            e6 = grow(e6, n6 * 4 + 4);
          }
          a6 = grow(a6, n6 + 1);
          for (let k = 0; k < 4; k++) {
            s6[n6 * 4 + k] = sw[k]!;
            e6[n6 * 4 + k] = words[k]!;
            prev[k] = words[k]!;
          }
          a6[n6] = asn;
          n6++;
          first = false;
          if (!orgs.has(asn)) orgs.set(asn, orgAt(v6, c3 + 1, end));
        }
      }
    }
    i = end + 1;
  }
  const table = new RangeTable(s4.slice(0, n4), e4.slice(0, n4), a4.slice(0, n4), s6.slice(0, n6 * 4), e6.slice(0, n6 * 4), a6.slice(0, n6));
  return { table, orgs };
}
