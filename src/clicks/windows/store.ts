/**
 * The seam between the click pipeline and its per-click state: a window store records a
 * click and answers with what its windows held for it, as plain data.
 *
 * The pipeline around it is plain functions of plain data: observe (the store) → enrich
 * (pure) → evaluate → aggregate. The in-memory store (`memory-store.ts`) answers at once; a
 * store shared by several screeners (Redis) answers with a promise, so its screener's
 * `score` will be async while every other stage stays as it is.
 *
 * @module
 */
import type { ClickWindowFeature } from '../features.js';
import { hash53 } from '../hash.js';
import type { WindowConfig } from './config.js';

/** The fields of a click the windows key on. */
export interface WindowedClick {
  /** The click id. */
  readonly clickId: string;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  /** The partner. */
  readonly partnerId: string;
  /** The client address. */
  readonly ip: string;
  /** The user agent. */
  readonly userAgent: string;
  /** The sub id, if any. */
  readonly subId?: string | undefined;
  /** The landing URL, if any. */
  readonly landingUrl?: string | undefined;
}

/**
 * The 53-bit hashes (`hash53`) a store keys a click's windows by. The caller computes them,
 * once a click, and keeps them: the scan counts distinct addresses and looks conversions up
 * by the same numbers.
 */
export interface WindowKeys {
  /** `hash53(click.userAgent)`. */
  readonly agent: number;
  /** `hash53(click.ip)`. */
  readonly address: number;
  /** `hash53(click.clickId)`. */
  readonly clickId: number;
}

/**
 * Where the click windows live. `Answer` is `ClickWindowFeature` for a store in this process
 * and `Promise<ClickWindowFeature>` for one across the network.
 */
export interface WindowStore<Answer extends ClickWindowFeature | Promise<ClickWindowFeature> = ClickWindowFeature> {
  /** The lengths and bounds the store keeps to. */
  readonly config: WindowConfig;
  /** Records the click and returns what its windows held for it, the click itself included. */
  observe(click: WindowedClick, keys: WindowKeys): Answer;
}

/** The keys of a click computed from scratch, for callers without a user-agent cache entry. */
export function windowKeysOf(click: WindowedClick): WindowKeys {
  return { agent: hash53(click.userAgent), address: hash53(click.ip), clickId: hash53(click.clickId) };
}
