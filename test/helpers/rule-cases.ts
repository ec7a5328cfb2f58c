/**
 * The cases a rule is tested with, kept apart from the tester so that the docs generator
 * (`scripts/generated.ts`) can list each rule's named firing and quiet cases without vitest.
 */
import type { Rule } from '../../src/engine/define-rule.js';

/** A case with a name and options, or bare features. */
export interface RuleCase<F> {
  /** Shown as the test name and in the rule's docs page (the tester requires one). */
  name?: string;
  /** The features the rule reads. */
  features: F;
  /** Rule options (set in a rule set, validated and defaulted as a user's would be). */
  options?: Record<string, unknown>;
}

/** One hit an invalid case expects. */
export interface ExpectedHit {
  /** The message id the hit must carry. */
  messageId: string;
  /** A partial match of the hit's evidence. */
  evidence: Record<string, unknown>;
  /** The expected confidence, when the rule scales it. */
  confidence?: number;
  /** A partial match of the message data (every placeholder of the template is checked to be filled regardless). */
  data?: Record<string, string | number>;
}

/** A case in which the rule must hit. */
export interface InvalidCase<F> extends RuleCase<F> {
  /** Hits expected, in order; at least one. */
  hits: [ExpectedHit, ...ExpectedHit[]];
}

/** Options a rule set must refuse for the rule. */
export interface BadOptionsCase {
  /** Shown as the test name. */
  name: string;
  /** The options. */
  options: Record<string, unknown>;
}

/** Every case of one rule. */
export interface RuleCases<F> {
  /** Cases that must not hit. */
  valid: ReadonlyArray<RuleCase<F>>;
  /** Cases that must hit, with the hits expected. */
  invalid: ReadonlyArray<InvalidCase<F>>;
  /** Options the loader must refuse (an unknown option is always tried as well). */
  badOptions?: readonly BadOptionsCase[];
}

/** Types a rule's cases by the rule's features. */
export function ruleCases<F, O>(_rule: Rule<F, O>, cases: RuleCases<F>): RuleCases<F> {
  return cases;
}
