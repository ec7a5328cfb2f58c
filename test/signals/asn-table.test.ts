import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAsnDatabase } from '../../src/signals/ip/asn-db.js';
import { packAsnTable, readAsnTable } from '../../src/signals/ip/asn-table.js';
import { createIpClassifier } from '../../src/signals/ip.js';

const bundled = new URL('../../datasets/asn/ip-asn.bin', import.meta.url).pathname;
const packageDir = dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));
const packageVersion = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;

describe('the packed IP→ASN table the package ships', () => {
  const packed = readAsnTable(bundled);
  const csv = loadAsnDatabase(packageDir);

  it('was built from the installed @ip-location-db/asn (rebuild with scripts/build-asn-table.ts after updating it)', () => {
    expect(packed.source).toBe(`@ip-location-db/asn@${packageVersion}`);
  });

  it('answers every lookup as the CSV files do: every range start and end, and a million scattered addresses', () => {
    const { r4, r6 } = csv.table.packed();
    let differ = 0;
    for (let i = 0; i < r4.length; i += 3) {
      for (const n of [r4[i]!, r4[i + 1]!, (r4[i + 1]! + 1) >>> 0]) if (packed.table.find4(n) !== csv.table.find4(n)) differ++;
    }
    for (let i = 0; i < r6.length; i += 9) {
      if (packed.table.find6(r6[i]!, r6[i + 1]!, r6[i + 2]!, r6[i + 3]!) !== csv.table.find6(r6[i]!, r6[i + 1]!, r6[i + 2]!, r6[i + 3]!)) differ++;
      if (packed.table.find6(r6[i + 4]!, r6[i + 5]!, r6[i + 6]!, r6[i + 7]!) !== csv.table.find6(r6[i + 4]!, r6[i + 5]!, r6[i + 6]!, r6[i + 7]!)) differ++;
    }
    let x = 2_463_534_242;
    for (let i = 0; i < 1_000_000; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      if (packed.table.find4(x >>> 0) !== csv.table.find4(x >>> 0)) differ++;
    }
    expect(differ).toBe(0);
  });

  it('names every organisation as the CSV files do', () => {
    expect(packed.orgs.size).toBe(csv.orgs.size);
    let differ = 0;
    for (const [asn, name] of csv.orgs) if (packed.orgs.get(asn) !== name) differ++;
    expect(differ).toBe(0);
    expect(packed.orgs.get(13335)).toBe('Cloudflare, Inc.');
    expect(packed.orgs.has(4_294_967_295)).toBe(false);
  });

  it('round-trips through pack and read, and refuses a damaged file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'pg-asn-'));
    const bytes = packAsnTable(packed, packed.source);
    expect(bytes.equals(readFileSync(bundled))).toBe(true);
    writeFileSync(join(dir, 'cut.bin'), bytes.subarray(0, bytes.length - 1));
    expect(() => readAsnTable(join(dir, 'cut.bin'))).toThrow(/truncated or damaged/u);
    writeFileSync(join(dir, 'other.bin'), Buffer.from('not a table at all'));
    expect(() => readAsnTable(join(dir, 'other.bin'))).toThrow(/not a packed IP→ASN table/u);
  });

  it('is what classifyIp reads by default, and a CSV directory still loads', () => {
    const ips = createIpClassifier({ dir: false });
    expect(ips.status.asnDatabase).toMatchObject({ loaded: true, dir: bundled });
    expect(ips.classify('1.1.1.1')).toMatchObject({ asn: 13335, org: 'Cloudflare, Inc.' });
    const fromCsv = createIpClassifier({ dir: false, asnDatabase: packageDir });
    expect(fromCsv.classify('1.1.1.1')).toMatchObject({ asn: 13335, org: 'Cloudflare, Inc.' });
  });
});
