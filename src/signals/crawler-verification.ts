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
 * Checks a crawler claim: `botName` as `classifyUserAgent` names it, `ipSource` the id of the
 * IP list that matched the address (`classifyIp(ip).source`), `loaded` the lists available.
 * A claim is called spoofed only when the operator's own lists are loaded: without them an
 * address outside is merely unknown, and flagging it would flag every real crawler offline.
 */
export function verifyCrawlerClaim(botName: string, ipSource: string | undefined, loaded: ReadonlySet<string>): CrawlerClaim {
  const op = operators().get(botName.toLowerCase());
  if (op === undefined || !op.lists.some((id) => loaded.has(id))) return 'unverifiable';
  return ipSource !== undefined && op.lists.includes(ipSource) ? 'verified' : 'spoofed';
}
