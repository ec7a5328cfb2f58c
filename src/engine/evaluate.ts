import { actionSeverity, type ActionBySubject, type Subject } from './actions.js';
import type { Finding } from './define-rule.js';
import { compileTemplate, renderTemplate, type CompiledTemplate } from './message-template.js';
import { PartnerguardError } from './errors.js';
import { isLoaded } from './ruleset-brand.js';
import type { JsonObject } from './json.js';
import type { RuleConfig, RuleSet } from './load-ruleset.js';
import type { Threshold } from './ruleset-schema.js';

/** One rule hit: every point of a score is traced to one of these. */
export interface Hit {
  /** The rule id. */
  readonly rule: string;
  /** Points added to the score: the rule's configured score × confidence, rounded to 2 decimals. */
  readonly points: number;
  /** The rule's confidence in this hit, 0–1. */
  readonly confidence: number;
  /** Which message template was used. */
  readonly messageId: string;
  /** Human-readable explanation. */
  readonly message: string;
  /** Machine-readable evidence. */
  readonly evidence: JsonObject;
}

/** A rule that threw while evaluating: reported, never silently treated as "no hit". */
export interface RuleFailure {
  /** The rule id. */
  readonly rule: string;
  /** Always `error`. */
  readonly status: 'error';
  /** The thrown error's message. */
  readonly message: string;
}

/** How the action was decided. */
export type DecidedBy = { readonly by: 'score' } | { readonly by: 'rule'; readonly rule: string };

/** The result of evaluating one subject's features against a rule set. */
export interface Evaluation<S extends Subject = Subject> {
  /** What was scored. */
  readonly subject: S;
  /** `rawScore` clamped to 0–100. */
  readonly score: number;
  /** Sum of all hits' points, unclamped (negative with trust signals). */
  readonly rawScore: number;
  /** The action taken. */
  readonly action: ActionBySubject[S];
  /** Whether a threshold or a rule's `forceAction` chose the action. */
  readonly decidedBy: DecidedBy;
  /** Hits of live rules, in rule-id order. `score` is the clamped sum of their points. */
  readonly hits: readonly Hit[];
  /** Rules that threw; when non-empty the score may be too low. */
  readonly errors: readonly RuleFailure[];
  /** The shadow lane: rules marked `shadow`, reported but never counted. */
  readonly shadow: {
    /** Hits of shadow rules. */
    readonly hits: readonly Hit[];
    /** The score if the shadow rules were live (clamped). */
    readonly score: number;
    /** The action if the shadow rules were live. */
    readonly wouldAction: ActionBySubject[S];
  };
  /** Which rule set scored this. */
  readonly ruleSet: { readonly id: string; readonly version: string; readonly hash: string };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const clamp = (x: number): number => Math.min(100, Math.max(0, x));

type RuleFn = (f: unknown, o: unknown, c: { ruleId: string; score: number }) => Finding | readonly Finding[] | null | undefined;

/** One enabled rule of one subject, resolved against the registry once per rule set. */
interface PlannedRule {
  readonly config: RuleConfig;
  /** Undefined when the rule is not in the registry (reported as an error on every evaluation, as before). */
  readonly evaluate: RuleFn | undefined;
  readonly context: { ruleId: string; score: number };
  readonly messages: { readonly [id: string]: string };
  readonly templates: ReadonlyMap<string, CompiledTemplate>;
  readonly firstId: string;
}

interface Plan {
  readonly rules: readonly PlannedRule[];
  readonly ruleSetRef: Evaluation['ruleSet'];
}

// Rule sets are immutable (loadRuleSet freezes them, with their registry); a plan is built
// once per rule set and subject, and rebuilt if the set's rules array is swapped.
const plans = new WeakMap<RuleSet, Map<Subject, Plan & { readonly rulesRef: RuleSet['rules'] }>>();

function planFor(subject: Subject, ruleSet: RuleSet): Plan {
  const registry = ruleSet.registry;
  if (registry === undefined) throw new PartnerguardError(`rule set "${ruleSet.id}" has no registry: pass a rule set that loadRuleSet returned`, 'RULESET_INVALID');
  let bySubject = plans.get(ruleSet);
  if (bySubject === undefined) {
    bySubject = new Map();
    plans.set(ruleSet, bySubject);
  }
  const cached = bySubject.get(subject);
  if (cached !== undefined && cached.rulesRef === ruleSet.rules) return cached;
  // Checked once per rule set, when its plan is built: a look-alike object with a registry
  // and no rules must not score a page as clean.
  if (!isLoaded(ruleSet)) throw new PartnerguardError(`rule set "${String((ruleSet as { id?: unknown }).id)}" was not made by loadRuleSet: load it before evaluating`, 'RULESET_INVALID');
  const rules: PlannedRule[] = [];
  for (const config of ruleSet.rules) {
    if (!config.enabled || config.subject !== subject) continue;
    const rule = registry.get(config.id);
    const messages = rule?.meta.messages ?? {};
    const templates = new Map<string, CompiledTemplate>();
    for (const [id, template] of Object.entries(messages)) templates.set(id, compileTemplate(template));
    rules.push({
      config,
      evaluate: rule === undefined ? undefined : (rule.evaluate as RuleFn),
      context: { ruleId: config.id, score: config.score },
      messages,
      templates,
      firstId: Object.keys(messages)[0]!,
    });
  }
  const plan = { rules, ruleSetRef: Object.freeze({ id: ruleSet.id, version: ruleSet.version, hash: ruleSet.hash }), rulesRef: ruleSet.rules };
  bySubject.set(subject, plan);
  return plan;
}

function toHit(planned: PlannedRule, finding: Finding): Hit {
  const raw = finding.confidence ?? 1;
  const confidence = Number.isFinite(raw) ? Math.min(1, Math.max(0, raw)) : 0;
  const messageId = finding.messageId ?? planned.firstId;
  const template = planned.messages[messageId];
  if (template === undefined) throw new TypeError(`rule "${planned.config.id}" returned unknown messageId "${messageId}"`);
  return {
    rule: planned.config.id,
    points: round2(planned.config.score * confidence),
    confidence,
    messageId,
    message: renderTemplate(planned.templates.get(messageId)!, finding.data),
    evidence: finding.evidence,
  };
}

function toHits(planned: PlannedRule, result: Finding | readonly Finding[]): Hit[] {
  if (!Array.isArray(result)) return [toHit(planned, result as Finding)];
  return (result as readonly Finding[]).map((finding) => toHit(planned, finding));
}

function pick<S extends Subject>(thresholds: readonly Threshold[], score: number): ActionBySubject[S] {
  for (const t of thresholds) if (score >= t.minScore) return t.action as ActionBySubject[S];
  return thresholds[thresholds.length - 1]!.action as ActionBySubject[S];
}

function mostSevere(subject: Subject, forced: ReadonlyArray<{ action: string; rule: string }>): { action: string; rule: string } | undefined {
  let best: { action: string; rule: string } | undefined;
  for (const f of forced) if (best === undefined || actionSeverity(subject, f.action) > actionSeverity(subject, best.action)) best = f;
  return best;
}

const NONE: readonly never[] = Object.freeze([]);
const BY_SCORE: DecidedBy = Object.freeze({ by: 'score' });

/**
 * Runs every enabled rule of `subject` in `ruleSet` over `features`, in rule-id order, and
 * sums the hits into a score and an action. The rules run are those of the registry the set
 * was loaded with. Pure and deterministic.
 *
 * A `forceAction` rule that hits decides the action whatever the score (the most severe
 * forced action wins); shadow rules never change `score` or `action`.
 */
export function evaluate<S extends Subject>(subject: S, features: unknown, ruleSet: RuleSet): Evaluation<S> {
  const thresholds = ruleSet.actions[subject];
  if (thresholds === undefined) {
    throw new PartnerguardError(`rule set "${ruleSet.id}" has no ${subject} thresholds (it is a ${ruleSet.subject} rule set)`, 'RULESET_INVALID');
  }
  const plan = planFor(subject, ruleSet);
  // Arrays are created on the first entry only: most clicks hit nothing, and the common
  // no-hit evaluation then allocates just the result.
  let hits: Hit[] | undefined;
  let shadowHits: Hit[] | undefined;
  let errors: RuleFailure[] | undefined;
  let forced: Array<{ action: string; rule: string }> | undefined;
  let shadowForced: Array<{ action: string; rule: string }> | undefined;
  const planned = plan.rules;
  for (let i = 0; i < planned.length; i += 1) {
    const p = planned[i]!;
    const config = p.config;
    if (p.evaluate === undefined) {
      (errors ??= []).push({ rule: config.id, status: 'error', message: 'rule is not in the registry' });
      continue;
    }
    let found: Hit[];
    try {
      const result = p.evaluate(features, config.options, p.context);
      if (result === null || result === undefined) continue;
      found = toHits(p, result);
    } catch (error) {
      (errors ??= []).push({ rule: config.id, status: 'error', message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (found.length === 0) continue;
    if (config.shadow) {
      shadowHits = shadowHits === undefined ? found : shadowHits.concat(found);
      if (config.forceAction !== undefined) (shadowForced ??= []).push({ action: config.forceAction, rule: config.id });
    } else {
      hits = hits === undefined ? found : hits.concat(found);
      if (config.forceAction !== undefined) (forced ??= []).push({ action: config.forceAction, rule: config.id });
    }
  }
  let sum = 0;
  if (hits !== undefined) for (const h of hits) sum += h.points;
  const rawScore = round2(sum);
  const score = clamp(rawScore);
  const force = forced === undefined ? undefined : mostSevere(subject, forced);
  const action = force === undefined ? pick<S>(thresholds, score) : (force.action as ActionBySubject[S]);
  let shadowScore = score;
  let wouldAction = action;
  if (shadowHits !== undefined || shadowForced !== undefined) {
    let shadowSum = sum;
    if (shadowHits !== undefined) for (const h of shadowHits) shadowSum += h.points;
    shadowScore = clamp(round2(shadowSum));
    const shadowForce = mostSevere(subject, [...(forced ?? []), ...(shadowForced ?? [])]);
    wouldAction = shadowForce === undefined ? pick<S>(thresholds, shadowScore) : (shadowForce.action as ActionBySubject[S]);
  }
  return {
    subject,
    score,
    rawScore,
    action,
    decidedBy: force === undefined ? BY_SCORE : { by: 'rule', rule: force.rule },
    hits: hits ?? NONE,
    errors: errors ?? NONE,
    shadow: { hits: shadowHits ?? NONE, score: shadowScore, wouldAction },
    ruleSet: plan.ruleSetRef,
  };
}
