/**
 * The online click screener: one click in, one verdict out, with bounded state.
 *
 * @module
 */
import type { ClickAction } from '../engine/actions.js';
import { setOwn } from '../shared/own-property.js';
import { parseTimestamp } from './read/timestamp.js';
import { InputError } from '../engine/errors.js';
import type { Evaluation } from '../engine/evaluate.js';
import type { RuleSet, RuleSetInput } from '../engine/load-ruleset.js';
import type { Registry } from '../engine/registry.js';
import type { ClickSignals } from './enrich.js';
import { clickVerdict, createClickPipeline } from './pipeline.js';
import { CLICK_FIELDS, clickSchema, isCanonicalClick, problemOf } from './read/schema.js';
import type { Click, PartnerInfo } from './types.js';
import type { WindowConfig } from './windows/config.js';
import type { WindowStore } from './windows/store.js';

/** The verdict on one click: the engine's evaluation plus which click it was. */
export interface ClickVerdict extends Evaluation<'click'> {
  /** The click's id. */
  readonly clickId: string;
  /** The partner credited with the click. */
  readonly partnerId: string;
  /** The click's time, epoch milliseconds. */
  readonly timestamp: number;
  /** `allow`, `flag` or `block`, from the rule set's click thresholds. */
  readonly action: ClickAction;
}

/** Options of {@link createClickScreener}. */
export interface ClickScreenerOptions {
  /** Rule set name, path, object or loaded set (default `traffic`). */
  readonly ruleSet?: RuleSetInput | undefined;
  /** Rules the rule set may name, and that score the clicks; defaults to the built-in rules (or a loaded set's own). */
  readonly registry?: Registry | undefined;
  /**
   * Memory bounds of the sliding windows. Window lengths come from the rule set
   * (`click/flood-ip`, `click/ua-rotation`, `click/duplicate-click` option `windowSeconds`)
   * so that the rule and the state it reads can never disagree; set them here only to override.
   */
  readonly windows?: Partial<WindowConfig> | undefined;
  /**
   * Where the windows live (default: in this process's memory, sized as above). A store
   * given here keeps its own lengths and bounds: `windows` is then not read.
   */
  readonly store?: WindowStore | undefined;
  /** Partner metadata (declared site domains for the referrer rule). */
  readonly partners?: readonly PartnerInfo[] | undefined;
  /** Classifiers to use instead of the built-in user-agent and IP signals. */
  readonly signals?: ClickSignals | undefined;
}

/** A stateful, synchronous per-click scorer. */
export interface ClickScreener {
  /** Scores one click and records it in the windows; clicks should arrive in roughly time order. */
  score(click: Click): ClickVerdict;
  /** The rule set in use. */
  readonly ruleSet: RuleSet;
  /** The resolved window configuration. */
  readonly windows: WindowConfig;
}

/**
 * Checks a click handed to the online screener as the readers check a row: the common valid
 * click without zod, anything else through the schema, and a bad one as an InputError naming
 * its first problem (`missing_field:ip`, `invalid_timestamp:timestamp`: epoch milliseconds
 * only here, as `Click` says) instead of a TypeError deep in the windows.
 */
function validClick(click: unknown): Click {
  if (typeof click !== 'object' || click === null || Array.isArray(click)) throw new InputError('screener.score expects a click object', { location: 'click' });
  const row = snapshotClick(click as Readonly<Record<string, unknown>>);
  if (isCanonicalClick(row)) return row as unknown as Click;
  const parsed = clickSchema.safeParse(row);
  if (parsed.success) return parsed.data;
  const problem = problemOf(parsed.error, row, CLICK_FIELDS);
  throw new InputError(`screener.score: ${problem.reason}: ${problem.message}`, { location: 'click' });
}

// Header names are case-insensitive in HTTP and rules read them lower-cased: `Sec-Fetch-Dest`
// must count as `sec-fetch-dest`. Values are read once each, like the click's fields.
function headerSnapshot(headers: unknown): unknown {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return headers;
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) setOwn(copy, name.toLowerCase(), value);
  return copy;
}

/**
 * Reads each field of a caller's click exactly once, into a plain object of one shape, so
 * what was validated is what the windows and rules read: a getter that answers differently
 * on each read (or a Proxy) cannot pass the check and then fail deep in the screener. A
 * field that throws when read is an InputError.
 */
function snapshotClick(click: Readonly<Record<string, unknown>>): Record<string, unknown> {
  try {
    const { clickId, timestamp: time, partnerId, subId, offerId, ip, userAgent, referrer, landingUrl, headers, deviceId } = click;
    // An ISO 8601 string or a Date is read as the scan reads it; anything else stays for the
    // schema to reject.
    const timestamp = typeof time === 'number' ? time : (parseTimestamp(time) ?? time);
    return { clickId, timestamp, partnerId, subId, offerId, ip, userAgent, referrer, landingUrl, headers: headerSnapshot(headers), deviceId };
  } catch (error) {
    throw new InputError(`screener.score: the click could not be read: ${error instanceof Error ? error.message : String(error)}`, { location: 'click', cause: error });
  }
}

/** @internal `createClickScreener` with its rule set loaded. */
export function createScreener(options: ClickScreenerOptions, ruleSet: RuleSet): ClickScreener {
  const pipeline = createClickPipeline({ windows: options.windows, store: options.store, partners: options.partners, signals: options.signals, ruleSet });
  return {
    ruleSet: pipeline.ruleSet,
    windows: pipeline.windows,
    score: (click) => {
      const valid = validClick(click);
      return clickVerdict(valid, pipeline.score(valid).evaluation);
    },
  };
}
