/**
 * One click through the click pack's stages, joined by plain data: the agent's cache entry →
 * observe the windows (the store, keyed by hashes computed here once) → enrich (pure) →
 * evaluate. Shared by the online screener and the batch scan, which then aggregates.
 *
 * @module
 */
import { InputError } from '../engine/errors.js';
import { evaluate, type Evaluation } from '../engine/evaluate.js';
import type { RuleSet } from '../engine/load-ruleset.js';
import { createEnricher } from './enrich.js';
import type { ClickFeatures } from './features.js';
import { hash53 } from './hash.js';
import type { ClickScreenerOptions, ClickVerdict } from './screener.js';
import type { Click } from './types.js';
import { resolveWindowConfig, type WindowConfig } from './windows/config.js';
import { MemoryWindowStore } from './windows/memory-store.js';
import type { WindowKeys } from './windows/store.js';

/** @internal What the batch scan needs: the evaluation (a verdict is built only for output, see {@link clickVerdict}) and more. */
export interface ScoredClick {
  /** The rule set's evaluation of the click. */
  readonly evaluation: Evaluation<'click'>;
  /** The features the verdict was computed from (aggregated by the scan). */
  readonly features: ClickFeatures;
  /** `hash53(click.ip)`, the windows' address key (the scan counts distinct addresses by it). */
  readonly addressHash: number;
  /** `hash53(click.clickId)`, the windows' click-id key (the scan looks up conversions by it). */
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
  const store = options.store ?? new MemoryWindowStore(windowConfigFor(ruleSet, options.windows));
  const config = store.config;
  const enricher = createEnricher({ partners: options.partners, signals: options.signals });
  return {
    ruleSet,
    windows: config,
    score(click) {
      const agentEntry = enricher.agentEntry(click);
      const keys: WindowKeys = { agent: agentEntry.hash, address: hash53(click.ip), clickId: hash53(click.clickId) };
      const window = store.observe(click, keys);
      const features = enricher.enrich(click, agentEntry, window);
      return { evaluation: evaluate('click', features, ruleSet), features, addressHash: keys.address, clickIdHash: keys.clickId };
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
