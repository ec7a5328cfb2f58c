/**
 * The IP→ASN table in the compact binary form the package ships (`datasets/asn/ip-asn.bin`),
 * built from `@ip-location-db/asn` by `scripts/build-asn-table.ts`. One read, then typed-array
 * views straight into the file's bytes: loading costs milliseconds where parsing the CSV
 * files cost a third of a second, and the 63 MB package stays out of the install.
 *
 * Layout, 32-bit little-endian words: the magic `PGASN001`; counts (IPv4 ranges, IPv6
 * ranges, organisations, organisation bytes, source bytes); the IPv4 ranges as
 * `[start, end, asn]`; the IPv6 ranges as `[start × 4, end × 4, asn]`; the organisations'
 * AS numbers (ascending) and the end offset of each name; the source text; the names (UTF-8).
 * @module
 */
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import type { AsnDatabase } from './asn-db.js';
import { RangeTable } from './table.js';

const MAGIC = 'PGASN001';
const HEADER_WORDS = 2 + 5;

/** AS number → organisation name, decoded from the table's bytes on first read of each. */
class OrgNames implements ReadonlyMap<number, string> {
  private readonly decoded = new Map<number, string>();
  constructor(
    private readonly asns: Uint32Array,
    private readonly ends: Uint32Array,
    private readonly bytes: Buffer,
  ) {}

  get size(): number {
    return this.asns.length;
  }

  private indexOf(asn: number): number {
    let lo = 0;
    let hi = this.asns.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.asns[mid]!;
      if (v === asn) return mid;
      if (v < asn) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private at(i: number): string {
    const asn = this.asns[i]!;
    let name = this.decoded.get(asn);
    if (name === undefined) {
      name = this.bytes.toString('utf8', i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
      this.decoded.set(asn, name);
    }
    return name;
  }

  get(asn: number): string | undefined {
    const i = this.indexOf(asn);
    return i < 0 ? undefined : this.at(i);
  }

  has(asn: number): boolean {
    return this.indexOf(asn) >= 0;
  }

  *entries(): MapIterator<[number, string]> {
    for (let i = 0; i < this.asns.length; i++) yield [this.asns[i]!, this.at(i)];
  }

  *keys(): MapIterator<number> {
    for (let i = 0; i < this.asns.length; i++) yield this.asns[i]!;
  }

  *values(): MapIterator<string> {
    for (let i = 0; i < this.asns.length; i++) yield this.at(i);
  }

  [Symbol.iterator](): MapIterator<[number, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, key: number, map: ReadonlyMap<number, string>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }
}

/** Serialises an IP→ASN database; `source` names what it was built from (package and version). */
export function packAsnTable(db: AsnDatabase, source: string): Buffer {
  const { r4, r6 } = db.table.packed();
  const orgs = [...db.orgs].sort((a, b) => a[0] - b[0]);
  const names = orgs.map(([, name]) => Buffer.from(name, 'utf8'));
  const sourceBytes = Buffer.from(source, 'utf8');
  const words = HEADER_WORDS + r4.length + r6.length + orgs.length * 2;
  const nameBytes = names.reduce((n, b) => n + b.length, 0);
  const out = Buffer.alloc(words * 4 + sourceBytes.length + nameBytes);
  out.write(MAGIC, 0, 'latin1');
  const header = [r4.length / 3, r6.length / 9, orgs.length, nameBytes, sourceBytes.length];
  header.forEach((v, i) => out.writeUInt32LE(v, 8 + i * 4));
  let at = HEADER_WORDS * 4;
  for (const array of [r4, r6]) for (const v of array) at = out.writeUInt32LE(v, at);
  for (const [asn] of orgs) at = out.writeUInt32LE(asn, at);
  let end = 0;
  for (const name of names) at = out.writeUInt32LE((end += name.length), at);
  at += sourceBytes.copy(out, at);
  for (const name of names) at += name.copy(out, at);
  return out;
}

/** Reads a table written by {@link packAsnTable}; `source` is what it was built from. */
export function readAsnTable(file: string): AsnDatabase & { readonly source: string } {
  if (endianness() !== 'LE') throw new Error('the packed IP→ASN table is little-endian; point asnDatabase at a directory of CSV files on this machine');
  const file0 = readFileSync(file);
  // Typed-array views need 4-byte alignment; a Buffer from the pool may not have it.
  const bytes = file0.byteOffset % 4 === 0 ? file0 : Buffer.from(file0);
  if (bytes.length < HEADER_WORDS * 4 || bytes.toString('latin1', 0, 8) !== MAGIC) throw new Error(`${file} is not a packed IP→ASN table`);
  const [n4, n6, nOrgs, nameBytes, sourceLength] = [0, 1, 2, 3, 4].map((i) => bytes.readUInt32LE(8 + i * 4)) as [number, number, number, number, number];
  const words = HEADER_WORDS + n4 * 3 + n6 * 9 + nOrgs * 2;
  if (bytes.length !== words * 4 + sourceLength + nameBytes) throw new Error(`${file} is truncated or damaged (${bytes.length} bytes, expected ${words * 4 + sourceLength + nameBytes})`);
  const view = (fromWord: number, count: number) => new Uint32Array(bytes.buffer, bytes.byteOffset + fromWord * 4, count);
  let word = HEADER_WORDS;
  const r4 = view(word, n4 * 3);
  word += n4 * 3;
  const r6 = view(word, n6 * 9);
  word += n6 * 9;
  const asns = view(word, nOrgs);
  word += nOrgs;
  const ends = view(word, nOrgs);
  word += nOrgs;
  const source = bytes.toString('utf8', word * 4, word * 4 + sourceLength);
  const names = bytes.subarray(word * 4 + sourceLength);
  return { table: RangeTable.fromPacked(r4, r6), orgs: new OrgNames(asns, ends, names), source };
}
