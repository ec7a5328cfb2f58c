import { readFileSync } from 'node:fs';
import { PartnerguardError } from '../engine/errors.js';
import { ipDataStatus } from './ip.js';

/** What can be said about a user agent that claims to be a crawler, given its address. */
export type CrawlerClaim =
  /** The address is in one of the claimed operator's published ranges. */
  | 'verified'
  /** The operator's ranges are loaded and the address is outside them. */
  | 'spoofed'
  /** The claimed crawler publishes no ranges, or none of them is loaded (e.g. a fresh, offline machine). */
  | 'unverifiable';

interface Operator {
  readonly operator: string;
  readonly lists: readonly string[];
  readonly agents: readonly string[];
  readonly asns?: readonly number[];
}

/** Where an address sits, as `classifyIp` reports it. */
export interface CrawlerAddress {
  /** Id of the IP list that matched (`classifyIp(ip).source`), if any. */
  readonly source: string | undefined;
  /** The announcing ASN, if known. */
  readonly asn: number | undefined;
}

let byAgent: Map<string, Operator> | undefined;

function operators(): Map<string, Operator> {
  if (byAgent === undefined) {
    let data: { operators: Operator[] };
    try {
      data = JSON.parse(readFileSync(new URL('../../datasets/crawler-verification.json', import.meta.url), 'utf8')) as { operators: Operator[] };
    } catch (error) {
      throw new PartnerguardError('cannot read bundled dataset datasets/crawler-verification.json; reinstall partnerguard', 'PARTNERGUARD_ERROR', { cause: error });
    }
    byAgent = new Map();
    for (const op of data.operators) for (const agent of op.agents) byAgent.set(agent.toLowerCase(), op);
  }
  return byAgent;
}

/** Ids of the IP lists the default classifier loaded with at least one entry. */
export function loadedIpLists(): ReadonlySet<string> {
  return new Set(ipDataStatus().lists.filter((l) => l.entries > 0 && l.error === undefined).map((l) => l.id));
}

/**
 * Checks a crawler claim: `botName` as `classifyUserAgent` names it, `address` where the click
 * came from, `loaded` the IP lists available. With the operator's published lists loaded, the
 * address must be in them. Without them, an operator that crawls only from its own networks
 * is still disproved by an address another network announces; anything else is unverifiable —
 * calling it spoofed would flag every real crawler on an offline machine.
 */
export function verifyCrawlerClaim(botName: string, address: CrawlerAddress, loaded: ReadonlySet<string>): CrawlerClaim {
  const op = operators().get(botName.toLowerCase());
  if (op === undefined) return 'unverifiable';
  if (op.lists.some((id) => loaded.has(id))) return address.source !== undefined && op.lists.includes(address.source) ? 'verified' : 'spoofed';
  if (op.asns !== undefined && address.asn !== undefined) return op.asns.includes(address.asn) ? 'unverifiable' : 'spoofed';
  return 'unverifiable';
}
