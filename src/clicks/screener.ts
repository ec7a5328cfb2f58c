/**
 * The online click screener: one click in, one verdict out, with bounded state.
 *
 * @module
 */
import type { ClickAction } from '../engine/actions.js';
import { setOwn } from '../shared/own-property.js';
import { parseTimestamp } from './read/timestamp.js';
import { InputError } from '../engine/errors.js';
import { evaluate, type Evaluation } from '../engine/evaluate.js';
import { loadRuleSet, type RuleSet, type RuleSetInput } from '../engine/load-ruleset.js';
import { createEnricher, type ClickSignals } from './enrich.js';
import type { ClickFeatures } from './features.js';
import { CLICK_FIELDS, clickSchema, isCanonicalClick, problemOf } from './read/schema.js';
import type { Click, PartnerInfo } from './types.js';
import { ClickWindows, resolveWindowConfig, type WindowConfig } from './windows.js';

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
  /**
   * Memory bounds of the sliding windows. Window lengths come from the rule set
   * (`click/flood-ip`, `click/ua-rotation`, `click/duplicate-click` option `windowSeconds`)
   * so that the rule and the state it reads can never disagree; set them here only to override.
   */
  readonly windows?: Partial<WindowConfig> | undefined;
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

/** @internal What the batch scan needs: the evaluation (a verdict is built only for output, see {@link clickVerdict}) and more. */
export interface ScoredClick {
  /** The rule set's evaluation of the click. */
  readonly evaluation: Evaluation<'click'>;
  /** The features the verdict was computed from (aggregated by the scan). */
  readonly features: ClickFeatures;
  /** `hash53(click.ip)`, which the windows computed (the scan counts distinct addresses by it). */
  readonly addressHash: number;
  /** `hash53(click.clickId)`, likewise (the scan looks up conversions by it). */
  readonly clickIdHash: number;
}

function windowSeconds(ruleSet: RuleSet, id: string): number | undefined {
  const config = ruleSet.rules.find((r) => r.id === id);
  const value = config?.options.windowSeconds;
  return typeof value === 'number' ? value : undefined;
}

/** Window lengths as configured in the rule set, overridden by explicit options. */
export function windowConfigFor(ruleSet: RuleSet, overrides: Partial<WindowConfig> = {}): WindowConfig {
  const fromRules: { -readonly [K in keyof WindowConfig]?: WindowConfig[K] } = {};
  const flood = windowSeconds(ruleSet, 'click/flood-ip');
  const rotation = windowSeconds(ruleSet, 'click/ua-rotation');
  const duplicate = windowSeconds(ruleSet, 'click/duplicate-click');
  if (flood !== undefined) fromRules.floodWindowSeconds = flood;
  if (rotation !== undefined) fromRules.rotationWindowSeconds = rotation;
  if (duplicate !== undefined) fromRules.duplicateWindowSeconds = duplicate;
  return resolveWindowConfig({ ...fromRules, ...overrides });
}

/** @internal The screener with features exposed, shared by `createClickScreener` and `scanClicks`. */
export function createClickPipeline(options: ClickScreenerOptions = {}): { score(click: Click): ScoredClick; ruleSet: RuleSet; windows: WindowConfig } {
  const ruleSet = loadRuleSet(options.ruleSet ?? 'traffic');
  const config = windowConfigFor(ruleSet, options.windows);
  const windows = new ClickWindows(config);
  const enricher = createEnricher({ partners: options.partners, signals: options.signals });
  return {
    ruleSet,
    windows: config,
    score(click) {
      const features = enricher.enrich(click, windows);
      return { evaluation: evaluate('click', features, ruleSet), features, addressHash: windows.lastAddressHash, clickIdHash: windows.lastClickIdHash };
    },
  };
}

/** @internal The public verdict on a click from its evaluation. */
export function clickVerdict(click: Click, evaluation: Evaluation<'click'>): ClickVerdict {
  // Built field by field: an object spread of the evaluation costs more than the rules it ran.
  return {
    subject: evaluation.subject,
    score: evaluation.score,
    rawScore: evaluation.rawScore,
    action: evaluation.action,
    decidedBy: evaluation.decidedBy,
    hits: evaluation.hits,
    errors: evaluation.errors,
    shadow: evaluation.shadow,
    ruleSet: evaluation.ruleSet,
    clickId: click.clickId,
    partnerId: click.partnerId,
    timestamp: click.timestamp,
  };
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

/**
 * Creates an online screener: `score(click)` returns a verdict in microseconds, keeping
 * only bounded state (sliding windows per IP and partner, bounded classifier caches). A
 * click that is not a valid {@link Click} throws an {@link InputError}.
 *
 * @example
 * ```ts
 * const screener = createClickScreener({ ruleSet: 'traffic' });
 * const verdict = screener.score({ clickId: 'c1', timestamp: Date.now(), partnerId: 'p1', ip: '203.0.113.9', userAgent: 'curl/8.4.0' });
 * if (verdict.action === 'block') respondWithoutRedirect();
 * ```
 */
export function createClickScreener(options: ClickScreenerOptions = {}): ClickScreener {
  const pipeline = createClickPipeline(options);
  return {
    ruleSet: pipeline.ruleSet,
    windows: pipeline.windows,
    score: (click) => {
      const valid = validClick(click);
      return clickVerdict(valid, pipeline.score(valid).evaluation);
    },
  };
}
