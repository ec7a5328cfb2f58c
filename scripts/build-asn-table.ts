// Builds datasets/asn/ip-asn.bin, the packed IP→ASN table the package ships, from the
// installed @ip-location-db/asn (a dev dependency). Run after updating that package:
//   npx tsx scripts/build-asn-table.ts
// The values (ranges, AS numbers, organisation names) are the package's, unchanged.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asnPackageDir, loadAsnDatabase } from '../src/signals/ip/asn-db.js';
import { packAsnTable } from '../src/signals/ip/asn-table.js';

const dir = asnPackageDir();
if (dir === undefined) throw new Error('@ip-location-db/asn is not installed: npm install first');
const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
const db = loadAsnDatabase(dir);
const out = new URL('../datasets/asn/', import.meta.url);
mkdirSync(out, { recursive: true });
const packed = packAsnTable(db, `@ip-location-db/asn@${version}`);
writeFileSync(new URL('ip-asn.bin', out), packed);
process.stdout.write(`wrote datasets/asn/ip-asn.bin: ${(packed.length / 1048576).toFixed(1)} MB from @ip-location-db/asn@${version}\n`);
