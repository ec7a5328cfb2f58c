// The snapshot lists in shared/data/ip (beside the checkout, never copied into it),
// described as classifyIp list inputs. Shared by the IP tests and bench.
import { existsSync, readFileSync } from 'node:fs';
import type { IpListFormat, IpListInput, IpListNetwork } from '../../src/signals/ip.js';

/** Folder of the IP snapshots: `../shared/data/ip/` relative to the repository root. */
export const SNAPSHOT_DIR = new URL('../../../shared/data/ip/', import.meta.url);

/**
 * Whether the snapshots are there (CI and the development machines have them beside the
 * checkout). Suites that need them skip without, rather than failing on a missing file.
 */
export const HAVE_SNAPSHOTS = existsSync(new URL('crawlers/googlebot.json', SNAPSHOT_DIR));
if (!HAVE_SNAPSHOTS) console.warn(`IP snapshots not found at ${SNAPSHOT_DIR.pathname}: the suites that read them are skipped`);

/** One snapshot file and how to read it. */
export interface Snapshot {
  /** Path inside SNAPSHOT_DIR. */
  readonly path: string;
  /** Id given to the list. */
  readonly id: string;
  /** Its format. */
  readonly format: IpListFormat;
  /** Its network kind. */
  readonly network: IpListNetwork;
  /** Name reported on a match. */
  readonly name: string;
}

const s = (path: string, id: string, format: IpListFormat, network: IpListNetwork, name: string): Snapshot => ({ path, id, format, network, name });

/** Every snapshot, in precedence order within each network kind. */
export const SNAPSHOTS: readonly Snapshot[] = [
  s('crawlers/googlebot.json', 'googlebot', 'google-json', 'crawler', 'Googlebot'),
  s('crawlers/google-special-crawlers.json', 'google-special-crawlers', 'google-json', 'crawler', 'Google special crawler'),
  s('crawlers/google-user-triggered-fetchers-google.json', 'google-user-triggered-fetchers-google', 'google-json', 'crawler', 'Google user-triggered fetcher'),
  s('crawlers/google-user-triggered-fetchers.json', 'google-user-triggered-fetchers', 'google-json', 'crawler', 'Google user-triggered fetcher'),
  s('crawlers/bingbot-ipv4.txt', 'bingbot', 'cidr-list', 'crawler', 'Bingbot'),
  s('crawlers/duckduckbot-ipv4.txt', 'duckduckbot', 'cidr-list', 'crawler', 'DuckDuckBot'),
  s('crawlers/openai-ipv4.txt', 'openai', 'cidr-list', 'crawler', 'OpenAI'),
  s('crawlers/perplexity-ipv4.txt', 'perplexity', 'cidr-list', 'crawler', 'Perplexity'),
  s('anonymizers/apple-private-relay-ipv4-merged.txt', 'apple-private-relay-ipv4', 'cidr-list', 'relay', 'iCloud Private Relay'),
  s('anonymizers/apple-private-relay-ipv6-merged.txt', 'apple-private-relay-ipv6', 'cidr-list', 'relay', 'iCloud Private Relay'),
  s('anonymizers/tor-exit-relays.csv', 'tor-exits', 'tor-onionoo-csv', 'tor', 'Tor'),
  s('anonymizers/x4bnet-vpn-ipv4.txt', 'x4bnet-vpn-ipv4', 'cidr-list', 'vpn', 'VPN (X4BNet list)'),
  s('anonymizers/x4bnet-vpn-ipv6.txt', 'x4bnet-vpn-ipv6', 'cidr-list', 'vpn', 'VPN (X4BNet list)'),
  s('hosting-asn/x4bnet-vpn-asn.txt', 'x4bnet-vpn-asn', 'asn-list', 'vpn', 'VPN (X4BNet list)'),
  s('cloud/aws-ip-ranges.json', 'aws', 'aws-json', 'hosting', 'AWS'),
  s('cloud/gcp-cloud.json', 'gcp', 'google-json', 'hosting', 'GCP'),
  s('cloud/azure-servicetag-AzureCloud.json', 'azure', 'azure-service-tags', 'hosting', 'Azure'),
  s('cloud/oracle-public_ip_ranges.json', 'oracle', 'oracle-json', 'hosting', 'Oracle'),
  s('cloud/digitalocean-ipv4.txt', 'digitalocean-ipv4', 'cidr-list', 'hosting', 'DigitalOcean'),
  s('cloud/digitalocean-ipv6.txt', 'digitalocean-ipv6', 'cidr-list', 'hosting', 'DigitalOcean'),
  s('cloud/linode-ipv4.txt', 'linode-ipv4', 'cidr-list', 'hosting', 'Linode'),
  s('cloud/linode-ipv6.txt', 'linode-ipv6', 'cidr-list', 'hosting', 'Linode'),
  s('cloud/vultr-ipv4.txt', 'vultr-ipv4', 'cidr-list', 'hosting', 'Vultr'),
  s('cloud/vultr-ipv6.txt', 'vultr-ipv6', 'cidr-list', 'hosting', 'Vultr'),
  s('cloud/cloudflare-ips-v4.txt', 'cloudflare-ipv4', 'cidr-list', 'hosting', 'Cloudflare'),
  s('cloud/cloudflare-ips-v6.txt', 'cloudflare-ipv6', 'cidr-list', 'hosting', 'Cloudflare'),
  s('cloud/google-goog.json', 'google', 'google-json', 'hosting', 'Google'),
  ...['hetzner', 'ovh', 'contabo', 'leaseweb', 'scaleway', 'm247', 'alibaba', 'tencent', 'ibmcloud'].map((p) =>
    s(`cloud/asn-derived-${p}.json`, `asn-derived-${p}`, 'ip-fetcher-json', 'hosting', p),
  ),
  s('hosting-asn/x4bnet-datacenter-ipv4.txt', 'x4bnet-datacenter-ipv4', 'cidr-list', 'hosting', 'Datacenter (X4BNet list)'),
  s('hosting-asn/x4bnet-datacenter-ipv6.txt', 'x4bnet-datacenter-ipv6', 'cidr-list', 'hosting', 'Datacenter (X4BNet list)'),
  s('hosting-asn/x4bnet-datacenter-asn.txt', 'x4bnet-datacenter-asn', 'asn-list', 'hosting', 'Datacenter (X4BNet list)'),
  s('hosting-asn/brianhama-bad-asn-list.csv', 'brianhama-bad-asn', 'asn-csv', 'hosting', 'Datacenter (bad-asn-list)'),
  s('hosting-asn/ipcat-datacenters.csv', 'ipcat', 'ip-range-csv', 'hosting', 'ipcat'),
];

/** Reads one snapshot's text. */
export function snapshotText(snapshot: Snapshot): string {
  return readFileSync(new URL(snapshot.path, SNAPSHOT_DIR), 'utf8');
}

/** Every snapshot as an in-memory list input. */
export function snapshotLists(): IpListInput[] {
  return SNAPSHOTS.map((x) => ({ id: x.id, format: x.format, network: x.network, name: x.name, text: snapshotText(x) }));
}
