/**
 * The online click screener: one click in, one verdict out, with bounded state.
 *
 * @module
 */
import type { ClickAction } from '../engine/actions.js';
import { InputError } from '../engine/errors.js';
import { evaluate, type Evaluation } from '../engine/evaluate.js';
import type { RuleSet, RuleSetInput } from '../engine/load-ruleset.js';
import type { Registry } from '../engine/registry.js';
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
  /** Rules the rule set may name, and that score the clicks; defaults to the built-in rules (or a loaded set's own). */
  readonly registry?: Registry | undefined;
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

/** The window names rules declare (`meta.reads.window.name`) and the length each sets. */
const WINDOW_LENGTHS = { flood: 'floodWindowSeconds', rotation: 'rotationWindowSeconds', duplicate: 'duplicateWindowSeconds' } as const;

/**
 * Window lengths as the rules of the set declare them (`meta.reads.window`: a window name and
 * the option holding its length), overridden by explicit options. Rules are read in id order,
 * switched off or not, so that the state a rule would read is sized alike either way.
 */
export function windowConfigFor(ruleSet: RuleSet, overrides: Partial<WindowConfig> = {}): WindowConfig {
  const fromRules: { -readonly [K in keyof WindowConfig]?: WindowConfig[K] } = {};
  for (const config of ruleSet.rules) {
    const window = ruleSet.registry.get(config.id)?.meta.reads?.window;
    if (window === undefined) continue;
    if (!Object.hasOwn(WINDOW_LENGTHS, window.name)) {
      throw new InputError(`rule "${config.id}" reads a window named "${window.name}"; the click windows are ${Object.keys(WINDOW_LENGTHS).join(', ')}`, { location: `rules.${config.id}` });
    }
    const key = WINDOW_LENGTHS[window.name as keyof typeof WINDOW_LENGTHS];
    const value = config.options[window.lengthOption];
    if (typeof value === 'number' && fromRules[key] === undefined) fromRules[key] = value;
  }
  return resolveWindowConfig({ ...fromRules, ...overrides });
}

/** @internal What the pipeline needs: the screener's options with the rule set loaded. */
export type PipelineOptions = Omit<ClickScreenerOptions, 'ruleSet' | 'registry'> & { readonly ruleSet: RuleSet };

/** @internal The screener with features exposed, shared by `createClickScreener` and `scanClicks`. */
export function createClickPipeline(options: PipelineOptions): { score(click: Click): ScoredClick; ruleSet: RuleSet; windows: WindowConfig } {
  const ruleSet = options.ruleSet;
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
  const row = click as Readonly<Record<string, unknown>>;
  // The click itself, not a copy: a copy per click cost the screener's 99th percentile 12 µs.
  if (isCanonicalClick(row)) return click as Click;
  const parsed = clickSchema.safeParse(row);
  if (parsed.success) return parsed.data;
  const problem = problemOf(parsed.error, row, CLICK_FIELDS);
  throw new InputError(`screener.score: ${problem.reason}: ${problem.message}`, { location: 'click' });
}

/** @internal `createClickScreener` with its rule set loaded. */
export function createScreener(options: ClickScreenerOptions, ruleSet: RuleSet): ClickScreener {
  const pipeline = createClickPipeline({ windows: options.windows, partners: options.partners, signals: options.signals, ruleSet });
  return {
    ruleSet: pipeline.ruleSet,
    windows: pipeline.windows,
    score: (click) => {
      const valid = validClick(click);
      return clickVerdict(valid, pipeline.score(valid).evaluation);
    },
  };
}
