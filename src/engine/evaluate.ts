import { actionSeverity, type ActionBySubject, type Subject } from './actions.js';
import { builtinRegistry } from './builtin-registry.js';
import { renderMessage, type Finding } from './define-rule.js';
import { PartnerguardError } from './errors.js';
import type { JsonObject } from './json.js';
import type { RuleConfig, RuleSet } from './load-ruleset.js';
import type { Registry } from './registry.js';
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

function toHits(config: RuleConfig, messages: { readonly [id: string]: string }, result: Finding | readonly Finding[] | null | undefined): Hit[] {
  if (result === null || result === undefined) return [];
  const findings: readonly Finding[] = Array.isArray(result) ? result : [result as Finding];
  const firstId = Object.keys(messages)[0]!;
  return findings.map((finding) => {
    const raw = finding.confidence ?? 1;
    const confidence = Number.isFinite(raw) ? Math.min(1, Math.max(0, raw)) : 0;
    const messageId = finding.messageId ?? firstId;
    const template = messages[messageId];
    if (template === undefined) throw new TypeError(`rule "${config.id}" returned unknown messageId "${messageId}"`);
    return Object.freeze({
      rule: config.id,
      points: round2(config.score * confidence),
      confidence,
      messageId,
      message: renderMessage(template, finding.data),
      evidence: finding.evidence,
    });
  });
}

function pick<S extends Subject>(subject: S, thresholds: readonly Threshold[], score: number): ActionBySubject[S] {
  for (const t of thresholds) if (score >= t.minScore) return t.action as ActionBySubject[S];
  return thresholds[thresholds.length - 1]!.action as ActionBySubject[S];
}

function mostSevere(subject: Subject, forced: ReadonlyArray<{ action: string; rule: string }>): { action: string; rule: string } | undefined {
  let best: { action: string; rule: string } | undefined;
  for (const f of forced) if (best === undefined || actionSeverity(subject, f.action) > actionSeverity(subject, best.action)) best = f;
  return best;
}

/**
 * Runs every enabled rule of `subject` in `ruleSet` over `features`, in rule-id order, and
 * sums the hits into a score and an action. Pure and deterministic.
 *
 * A `forceAction` rule that hits decides the action whatever the score (the most severe
 * forced action wins); shadow rules never change `score` or `action`.
 */
export function evaluate<S extends Subject>(subject: S, features: unknown, ruleSet: RuleSet, registry: Registry = builtinRegistry): Evaluation<S> {
  const thresholds = ruleSet.actions[subject];
  if (thresholds === undefined) {
    throw new PartnerguardError(`rule set "${ruleSet.id}" has no ${subject} thresholds (it is a ${ruleSet.subject} rule set)`, 'RULESET_INVALID');
  }
  const hits: Hit[] = [];
  const shadowHits: Hit[] = [];
  const errors: RuleFailure[] = [];
  const forced: Array<{ action: string; rule: string }> = [];
  const shadowForced: Array<{ action: string; rule: string }> = [];
  for (const config of ruleSet.rules) {
    if (!config.enabled || config.subject !== subject) continue;
    const rule = registry.get(config.id);
    if (rule === undefined) {
      errors.push({ rule: config.id, status: 'error', message: 'rule is not in the registry' });
      continue;
    }
    let found: Hit[];
    try {
      const evaluateRule = rule.evaluate as (f: unknown, o: unknown, c: { ruleId: string; score: number }) => Finding | readonly Finding[] | null | undefined;
      found = toHits(config, rule.meta.messages, evaluateRule(features, config.options, { ruleId: config.id, score: config.score }));
    } catch (error) {
      errors.push({ rule: config.id, status: 'error', message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (found.length === 0) continue;
    if (config.shadow) {
      shadowHits.push(...found);
      if (config.forceAction !== undefined) shadowForced.push({ action: config.forceAction, rule: config.id });
    } else {
      hits.push(...found);
      if (config.forceAction !== undefined) forced.push({ action: config.forceAction, rule: config.id });
    }
  }
  let sum = 0;
  for (const h of hits) sum += h.points;
  const rawScore = round2(sum);
  const score = clamp(rawScore);
  const force = mostSevere(subject, forced);
  const action = force === undefined ? pick(subject, thresholds, score) : (force.action as ActionBySubject[S]);
  let shadowSum = sum;
  for (const h of shadowHits) shadowSum += h.points;
  const shadowScore = clamp(round2(shadowSum));
  const shadowForce = mostSevere(subject, [...forced, ...shadowForced]);
  const wouldAction = shadowForce === undefined ? pick(subject, thresholds, shadowScore) : (shadowForce.action as ActionBySubject[S]);
  return {
    subject,
    score,
    rawScore,
    action,
    decidedBy: force === undefined ? { by: 'score' } : { by: 'rule', rule: force.rule },
    hits,
    errors,
    shadow: { hits: shadowHits, score: shadowScore, wouldAction },
    ruleSet: { id: ruleSet.id, version: ruleSet.version, hash: ruleSet.hash },
  };
}
