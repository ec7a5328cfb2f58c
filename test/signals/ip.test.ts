import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ipaddr from 'ipaddr.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIpList } from '../../src/signals/ip/formats.js';
import { parseCidr } from '../../src/signals/ip/parse.js';
import { classifyIp, classifyIpNetwork, configureIpData, createIpClassifier, ipScope, type IpClassifier, type IpInfo, type IpInfoValid, type IpScope } from '../../src/signals/ip.js';
import { HAVE_SNAPSHOTS, SNAPSHOTS, snapshotLists, snapshotText } from './ip-snapshots.js';

function valid(info: IpInfo): IpInfoValid {
  if (!info.valid) throw new Error(`expected a valid address, got ${info.reason}`);
  return info;
}

describe('strict parsing', () => {
  const scopeOnly = createIpClassifier({ dir: false, asnDatabase: false });

  it.each([
    ['1.2.3.4', '1.2.3.4', 4],
    ['0.0.0.0', '0.0.0.0', 4],
    ['255.255.255.255', '255.255.255.255', 4],
    ['::', '::', 6],
    ['::1', '::1', 6],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1', 6],
    ['2001:db8::', '2001:db8::', 6],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0', 6],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8', 6],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1', 6],
    ['::ffff:1.2.3.4', '1.2.3.4', 4],
    ['::FFFF:c000:0201', '192.0.2.1', 4],
    ['64:ff9b::1.2.3.4', '64:ff9b::102:304', 6],
  ] as const)('accepts %s as %s', (input, address, version) => {
    const info = valid(scopeOnly.classify(input));
    expect(info.address).toBe(address);
    expect(info.version).toBe(version);
  });

  it.each([
    ['', 'empty'],
    ['010.1.1.1', 'invalid-ipv4'],
    ['0x7f.1', 'invalid-ipv4'],
    ['0x7f.0.0.1', 'invalid-ipv4'],
    ['127.1', 'invalid-ipv4'],
    ['127.0.1', 'invalid-ipv4'],
    ['1.2.3.04', 'invalid-ipv4'],
    ['00.0.0.0', 'invalid-ipv4'],
    ['256.1.1.1', 'invalid-ipv4'],
    ['1.2.3.4.', 'invalid-ipv4'],
    ['.1.2.3.4', 'invalid-ipv4'],
    ['1..2.3', 'invalid-ipv4'],
    [' 1.2.3.4', 'invalid-ipv4'],
    ['1.2.3.4 ', 'invalid-ipv4'],
    ['1.2.3.4\n', 'invalid-ipv4'],
    ['2130706433', 'invalid-ipv4'],
    ['１.２.３.４', 'invalid-ipv4'],
    ['1.2.3.4/24', 'invalid-ipv4'],
    ['fe80::1%eth0', 'zone-id'],
    ['fe80::1%25eth0', 'zone-id'],
    [':::', 'invalid-ipv6'],
    ['1::2::3', 'invalid-ipv6'],
    ['1:2:3:4:5:6:7:8:9', 'invalid-ipv6'],
    ['1:2:3:4:5:6:7:8::', 'invalid-ipv6'],
    ['12345::', 'invalid-ipv6'],
    ['g::1', 'invalid-ipv6'],
    [':1', 'invalid-ipv6'],
    ['1:', 'invalid-ipv6'],
    ['[::1]', 'invalid-ipv6'],
    ['::ffff:010.1.1.1', 'invalid-ipv6'],
    ['::1.2.3', 'invalid-ipv6'],
    ['1:2:3:4:5:6:7:1.2.3.4', 'invalid-ipv6'],
    ['a'.repeat(10_000), 'too-long'],
    ['1.2.3.4'.padEnd(46, '0'), 'too-long'],
  ] as const)('rejects %j (%s)', (input, reason) => {
    expect(scopeOnly.classify(input)).toEqual({ valid: false, reason });
  });

  it('never throws on non-strings from untyped callers', () => {
    for (const bad of [undefined, null, 42, {}, ['1.2.3.4'], Symbol('x')]) {
      expect(scopeOnly.classify(bad as unknown as string)).toEqual({ valid: false, reason: 'not-a-string' });
    }
  });

  it('rejects hostile strings fast', () => {
    const hostile = ['a'.repeat(10_000), ':'.repeat(10_000), '1.'.repeat(5_000), '\u0000'.repeat(44), '🙂'.repeat(20), 'ffff:'.repeat(9).slice(0, 45)];
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) for (const s of hostile) scopeOnly.classify(s);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

// ipaddr.js names → our scopes, as documented on IpScope.
function ipaddrScope(address: string): IpScope {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  const documentation = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20'].some((cidr) => {
    const [net, bits] = ipaddr.parseCIDR(cidr);
    return net.kind() === parsed.kind() && parsed.match(net, bits);
  });
  if (documentation) return 'documentation';
  const map: Record<string, IpScope> = {
    unicast: 'public',
    unspecified: 'unspecified',
    loopback: 'loopback',
    linkLocal: 'link-local',
    multicast: 'multicast',
    carrierGradeNat: 'carrier-grade-nat',
    private: 'private',
    uniqueLocal: 'private',
  };
  return map[range] ?? 'reserved';
}

describe('scope agrees with ipaddr.js range()', () => {
  const v4Special = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.0.2.0/24', '192.31.196.0/24', '192.52.193.0/24', '192.88.99.0/24', '192.168.0.0/16', '192.175.48.0/24', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4', '255.255.255.255/32'];
  const v6Special = ['::/128', '::1/128', '::ffff:0:0/96', '64:ff9b::/96', '64:ff9b:1::/48', '100::/64', '2001::/23', '2001::/32', '2001:2::/48', '2001:3::/32', '2001:4:112::/48', '2001:10::/28', '2001:20::/28', '2001:30::/28', '2001:db8::/32', '2002::/16', '2620:4f:8000::/48', '3fff::/20', '5f00::/16', 'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8', '::ffff:0:0:0/96'];

  function boundaries(cidr: string): string[] {
    const range = parseCidr(cidr)!;
    const out: string[] = [];
    if (range.version === 4) {
      for (const n of [range.start - 1, range.start, range.start + 1, range.end - 1, range.end, range.end + 1]) {
        if (n >= 0 && n <= 0xffffffff) out.push(ipaddr.fromByteArray([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]).toString());
      }
    } else {
      for (const n of [range.start - 1n, range.start, range.start + 1n, range.end - 1n, range.end, range.end + 1n]) {
        if (n < 0n || n >= 1n << 128n) continue;
        const bytes = Array.from({ length: 16 }, (_, i) => Number((n >> BigInt(120 - 8 * i)) & 255n));
        out.push(ipaddr.fromByteArray(bytes).toString());
      }
    }
    return out;
  }

  it('at every special-range boundary', () => {
    const addresses = [...v4Special, ...v6Special].flatMap(boundaries);
    expect(addresses.length).toBeGreaterThan(200);
    for (const address of addresses) expect([address, ipScope(address)]).toEqual([address, ipaddrScope(address)]);
  });

  it('on random addresses', () => {
    let seed = 42;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 20_000; i++) {
      const v4 = [rand() & 255, rand() & 255, rand() & 255, rand() & 255].join('.');
      expect([v4, ipScope(v4)]).toEqual([v4, ipaddrScope(v4)]);
      // Bias the first group towards special prefixes so the rarer ranges get hit.
      const prefixes = [0, 0x64, 0x100, 0x2001, 0x2002, 0x2620, 0x3fff, 0x5f00, 0xfc00, 0xfd12, 0xfe80, 0xfec0, 0xff02, rand() & 0xffff];
      const groups = [prefixes[rand() % prefixes.length]!, ...Array.from({ length: 7 }, () => (rand() % 4 === 0 ? 0 : rand() & 0xffff))];
      const v6 = groups.map((g) => g.toString(16)).join(':');
      expect([v6, ipScope(v6)]).toEqual([v6, ipaddrScope(v6)]);
    }
  });

  it('unwraps IPv4-mapped addresses before scoping', () => {
    expect(ipScope('::ffff:127.0.0.1')).toBe('loopback');
    expect(ipScope('::ffff:10.0.0.1')).toBe('private');
    expect(ipScope('::ffff:8.8.8.8')).toBe('public');
    expect(ipScope('010.0.0.1')).toBeUndefined();
  });
});

describe('list formats', () => {
  it('strips invisible characters from prefixes (Bing)', () => {
    const text = JSON.stringify({ creationTime: 'x', prefixes: [{ ipv4Prefix: '157.55.39\u200b.0/24' }, { ipv6Prefix: '2620:1ec:c::/48' }] });
    expect(parseIpList(text, 'google-json', 'bing')).toEqual([{ cidr: '157.55.39.0/24' }, { cidr: '2620:1ec:c::/48' }]);
  });

  it('reads a full Azure service-tags file, picking AzureCloud', () => {
    const text = readFileSync(new URL('../fixtures/ip/azure-service-tags.json', import.meta.url), 'utf8');
    expect(parseIpList(text, 'azure-service-tags', 'azure')).toEqual([{ cidr: '20.33.0.0/16' }, { cidr: '2603:1000::/40' }]);
  });

  it('reads geofeed CSV with comments', () => {
    const text = readFileSync(new URL('../fixtures/ip/geofeed.csv', import.meta.url), 'utf8');
    expect(parseIpList(text, 'geofeed-csv', 'geo')).toEqual([{ cidr: '192.0.2.0/24' }, { cidr: '2001:db8::/32' }]);
  });

  it('reads ASN lists in both shapes', () => {
    expect(parseIpList('AS123 # Foo, US\nAS9 # Bar\n', 'asn-list', 'a')).toEqual([{ asn: 123, name: 'Foo, US' }, { asn: 9, name: 'Bar' }]);
    expect(parseIpList('ASN,Entity\n51447, "RootLayer Web Services Ltd, NL"\n', 'asn-csv', 'b')).toEqual([{ asn: 51447, name: 'RootLayer Web Services Ltd, NL' }]);
  });

  it('refuses garbage with an InputError naming the list', () => {
    expect(() => parseIpList('<html>', 'aws-json', 'aws')).toThrow(/aws: not valid JSON/u);
    expect(() => parseIpList('{}', 'google-json', 'gcp')).toThrow(/gcp: no entries/u);
  });
});

describe.skipIf(!HAVE_SNAPSHOTS)('classification with every snapshot list loaded', () => {
  let ips: IpClassifier;
  const rank: Record<string, number> = { crawler: 1, relay: 2, tor: 3, vpn: 4, hosting: 5, unknown: 6 };

  beforeAll(() => {
    ips = createIpClassifier({ dir: false, lists: snapshotLists() });
  });

  it('loads every list without errors', () => {
    for (const list of ips.status.lists) expect([list.id, list.error, list.entries > 0]).toEqual([list.id, undefined, true]);
    expect(ips.status.asnDatabase.loaded).toBe(true);
  });

  it.each(SNAPSHOTS.filter((x) => x.format !== 'asn-list' && x.format !== 'asn-csv').map((x) => [x.id, x] as const))('answers for a sample of %s', (_id, snapshot) => {
    const entries = parseIpList(snapshotText(snapshot), snapshot.format, snapshot.id);
    const step = Math.max(1, Math.floor(entries.length / 25));
    let own = 0;
    let checked = 0;
    for (let i = 0; i < entries.length; i += step) {
      const entry = entries[i]!;
      const first = 'cidr' in entry ? entry.cidr.split('/')[0]! : 'first' in entry ? entry.first : '';
      const info = valid(ips.classify(first));
      if (info.scope !== 'public') continue;
      checked++;
      // Lists overlap; a higher-precedence list may claim the address, a lower one never.
      expect(rank[info.network]!, `${first} → ${info.network} ${info.source}`).toBeLessThanOrEqual(rank[snapshot.network]!);
      // Crawler lists overlap each other (Google's fetcher lists), so count the kind for them.
      if (info.source === snapshot.id || (snapshot.network === 'crawler' && info.network === 'crawler')) own++;
    }
    expect(checked).toBeGreaterThan(0);
    if (snapshot.network === 'crawler' || snapshot.network === 'relay' || snapshot.network === 'tor') expect(own / checked).toBeGreaterThan(0.9);
    else expect(own).toBeGreaterThan(0);
  });

  it.each(SNAPSHOTS.filter((x) => x.format === 'asn-list' || x.format === 'asn-csv').map((x) => [x.id, x] as const))('answers by ASN for a sample of %s', (_id, snapshot) => {
    const asns = new Set(parseIpList(snapshotText(snapshot), snapshot.format, snapshot.id).map((e) => ('asn' in e ? e.asn : 0)));
    const dir = dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));
    const firstAddress = new Map<number, number>();
    for (const line of readFileSync(join(dir, 'asn-ipv4-num.csv'), 'latin1').split('\n')) {
      const [start, , asn] = line.split(',');
      const n = Number(asn);
      if (asns.has(n) && !firstAddress.has(n)) firstAddress.set(n, Number(start));
    }
    const sample = [...firstAddress].filter((_, i) => i % Math.max(1, Math.floor(firstAddress.size / 25)) === 0);
    expect(sample.length).toBeGreaterThan(3);
    for (const [asn, n] of sample) {
      const address = `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
      const info = valid(ips.classify(address));
      if (info.scope !== 'public') continue;
      expect(info.asn).toBe(asn);
      expect(rank[info.network]!, `${address} AS${asn} → ${info.network} ${info.source}`).toBeLessThanOrEqual(rank[snapshot.network]!);
    }
  });

  it('follows the precedence crawler > relay > tor > vpn > cloud > hosting ASN', () => {
    const googlebot = valid(ips.classify('66.249.66.1'));
    expect([googlebot.network, googlebot.name, googlebot.source]).toEqual(['crawler', 'Googlebot', 'googlebot']);
    expect(googlebot.asn).toBe(15169);
    const bing = valid(ips.classify('157.55.39.1'));
    expect([bing.network, bing.name]).toEqual(['crawler', 'Bingbot']);
    const ec2 = valid(ips.classify('3.5.140.2'));
    expect([ec2.network, ec2.name, ec2.source]).toEqual(['hosting', 'AWS', 'aws']);
    const hetzner = valid(ips.classify('2a01:4f8::1'));
    expect([hetzner.network, hetzner.asn]).toEqual(['hosting', 24940]);
  });

  it('leaves private, reserved and documentation space unknown even when a list covers it', () => {
    for (const address of ['10.0.0.1', '192.168.1.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '192.0.2.1', '2001:db8::1', 'fd00::1', 'fe80::1', '::', '224.0.0.1', '::ffff:10.1.1.1']) {
      const info = valid(ips.classify(address));
      expect([address, info.network, info.asn]).toEqual([address, 'unknown', undefined]);
      expect(info.scope).not.toBe('public');
    }
  });
});

describe('offline default (no cache, curated ASNs + @ip-location-db/asn)', () => {
  it('recognises the big hosting providers through classifyIp', () => {
    configureIpData({ dir: false });
    const expectations: [string, string][] = [
      ['3.5.140.2', 'AWS'],
      // Google announces most Google Cloud space from AS15169, so offline it is just 'Google'.
      ['34.1.208.1', 'Google'],
      ['20.33.0.1', 'Azure'],
      ['129.146.0.1', 'Oracle'],
      ['167.99.0.1', 'DigitalOcean'],
      ['172.105.0.1', 'Linode'],
      ['45.32.0.1', 'Vultr'],
      ['5.9.0.1', 'Hetzner'],
      ['51.38.0.1', 'OVH'],
      ['104.16.0.1', 'Cloudflare'],
    ];
    for (const [address, provider] of expectations) {
      const info = valid(classifyIp(address));
      expect([address, info.network, info.name]).toEqual([address, 'hosting', provider]);
      expect(info.source).toBe('asn:hosting-asns');
      expect(info.org).toBeTypeOf('string');
    }
    const eyeball = valid(classifyIp('81.2.69.142'));
    expect(eyeball.network).toBe('unknown');
    configureIpData({});
  });
});

describe('classifyIpNetwork (the per-click form enrichment uses)', () => {
  it('answers exactly the scope, network, name, source and ASN that classifyIp does', () => {
    configureIpData({ dir: false });
    const addresses = ['3.5.140.2', '104.16.0.1', '81.2.69.142', '10.1.2.3', '127.0.0.1', '::ffff:3.5.140.2', '2a00:1450:4001::1', '2001:db8::1', 'fe80::1', '010.1.1.1', '', 'nonsense'];
    for (const address of addresses) {
      const full = classifyIp(address);
      const expected = full.valid ? { valid: true, scope: full.scope, network: full.network, name: full.name, source: full.source, asn: full.asn } : { valid: false };
      const lite = classifyIpNetwork(address);
      expect([address, lite.valid ? lite : { valid: false }]).toEqual([address, expected]);
    }
    // The lists and the ASN database answered at least one of them (the comparison is not all-unknown).
    expect(classifyIpNetwork('3.5.140.2')).toMatchObject({ network: 'hosting', name: 'AWS' });
    configureIpData({});
  });
});
