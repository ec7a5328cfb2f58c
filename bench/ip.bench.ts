// IPs per second and memory of classifyIp with every snapshot list plus the offline ASN
// data loaded, against ipaddr.js parsing + linear CIDR matching over the same lists.
// Run: npm run bench -- ip  (or node --import tsx --expose-gc bench/ip.bench.ts)
import ipaddr from 'ipaddr.js';
import { parseIpList } from '../src/signals/ip/formats.js';
import { createIpClassifier } from '../src/signals/ip.js';
import { SNAPSHOTS, snapshotLists, snapshotText } from '../test/signals/ip-snapshots.js';

const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);

function memory(): { heap: number; rss: number; external: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss, external: m.external };
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

// Inputs: addresses inside the lists, random IPv4 and IPv6, mapped forms and a few invalid strings.
let seed = 7;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed;
};
const listed: string[] = [];
for (const snapshot of SNAPSHOTS) {
  if (snapshot.format === 'asn-list' || snapshot.format === 'asn-csv') continue;
  for (const entry of parseIpList(snapshotText(snapshot), snapshot.format, snapshot.id)) {
    if ('cidr' in entry && rand() % 8 === 0) listed.push(entry.cidr.split('/')[0]!);
  }
}
const inputs: string[] = [];
for (let i = 0; i < 200_000; i++) {
  const r = rand() % 100;
  if (r < 40) inputs.push(listed[rand() % listed.length]!);
  else if (r < 75) inputs.push(`${(rand() % 223) + 1}.${rand() & 255}.${rand() & 255}.${rand() & 255}`);
  else if (r < 95) inputs.push(`2${(rand() & 0xfff).toString(16).padStart(3, '0')}:${(rand() & 0xffff).toString(16)}:${(rand() & 0xffff).toString(16)}::${(rand() & 0xffff).toString(16)}`);
  else if (r < 98) inputs.push(`::ffff:${rand() & 255}.${rand() & 255}.${rand() & 255}.${rand() & 255}`);
  else inputs.push(['010.1.1.1', '0x7f.1', '', 'fe80::1%eth0', 'x'.repeat(100)][rand() % 5]!);
}
const v6Share = inputs.filter((s) => s.includes(':')).length / inputs.length;

const lists = snapshotLists();
const before = memory();
const loadStart = performance.now();
const ips = createIpClassifier({ dir: false, lists });
const loadMs = performance.now() - loadStart;
const after = memory();
const ranges = ips.status.ranges;

function rate(fn: (s: string) => unknown, items: readonly string[], minMs: number): number {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const s of items) fn(s);
    n += items.length;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return (n / elapsed) * 1000;
}

let sink = 0;
rate((s) => (sink += ips.classify(s).valid ? 1 : 0), inputs, 300); // warm-up
const ours = rate((s) => (sink += ips.classify(s).valid ? 1 : 0), inputs, 2_000);

// Baseline: every CIDR of every list parsed by ipaddr.js, matched linearly, first hit wins.
const cidrs: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
for (const snapshot of SNAPSHOTS) {
  if (snapshot.format === 'asn-list' || snapshot.format === 'asn-csv') continue;
  for (const entry of parseIpList(snapshotText(snapshot), snapshot.format, snapshot.id)) {
    if (!('cidr' in entry)) continue;
    try {
      cidrs.push(entry.cidr.includes('/') ? ipaddr.parseCIDR(entry.cidr) : [ipaddr.parse(entry.cidr), entry.cidr.includes(':') ? 128 : 32]);
    } catch {
      // Same skip as ours.
    }
  }
}
function baseline(s: string): string {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.process(s);
  } catch {
    return 'invalid';
  }
  const kind = address.kind();
  for (const [net, bits] of cidrs) if (net.kind() === kind && address.match(net, bits)) return 'listed';
  return address.range();
}
const baselineRate = rate((s) => (sink += baseline(s).length), inputs.slice(0, 300), 2_000);

const rows = [
  ['classifyIp (all lists + ASN data)', `${Math.round(ours).toLocaleString('en-US')} IPs/s`],
  ['ipaddr.js parse + linear CIDR match', `${Math.round(baselineRate).toLocaleString('en-US')} IPs/s`],
  ['ratio', `${(ours / baselineRate).toFixed(0)}× faster`],
  ['target', `≥ 500,000 IPs/s: ${ours >= 500_000 ? 'met' : 'NOT met'}`],
  ['inputs', `${inputs.length.toLocaleString('en-US')} strings, ${(v6Share * 100).toFixed(0)}% with ':'; baseline over ${cidrs.length.toLocaleString('en-US')} CIDRs`],
  ['flattened list ranges', `${ranges.v4.toLocaleString('en-US')} IPv4 + ${ranges.v6.toLocaleString('en-US')} IPv6`],
  ['load time', `${loadMs.toFixed(0)} ms (lists + ASN database)`],
  ['heap after load', `+${mb(after.heap - before.heap)}`],
  ['external (typed arrays) after load', `+${mb(after.external - before.external)}`],
  ['RSS after load', `+${mb(after.rss - before.rss)} (target < 64 MB)`],
];
const width = Math.max(...rows.map((r) => r[0]!.length));
for (const [k, v] of rows) process.stdout.write(`${k!.padEnd(width)}  ${v}\n`);
if (sink === -1) process.stdout.write('\n');
