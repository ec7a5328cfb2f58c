/**
 * ESLint-style rule tester: every rule is tested through this harness with `valid` cases
 * (no hit) and `invalid` cases (each asserting at least one hit with its messageId and
 * evidence). Duplicate cases are rejected so a copy-pasted case cannot pass for coverage.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage, type Finding, type Rule } from '../../src/engine/define-rule.js';
import { stableStringify } from '../../src/engine/json.js';

/** A case with a name and options, or bare features. */
export interface RuleCase<F> {
  /** Shown as the test name. */
  name?: string;
  /** The features the rule reads. */
  features: F;
  /** Rule options (validated and defaulted with the rule's schema). */
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
}

/** A case in which the rule must hit. */
export interface InvalidCase<F> extends RuleCase<F> {
  /** Hits expected, in order; at least one. */
  hits: [ExpectedHit, ...ExpectedHit[]];
}

function findings(result: Finding | readonly Finding[] | null | undefined): readonly Finding[] {
  if (result === null || result === undefined) return [];
  return Array.isArray(result) ? result : [result as Finding];
}

/** Runs a rule directly (no rule set) and returns its findings with rendered messages. */
export function runRule<F, O>(rule: Rule<F, O>, features: F, options: Record<string, unknown> = {}) {
  const parsed = rule.meta.options.parse(options) as O;
  const result = findings(rule.evaluate(features, parsed, { ruleId: rule.meta.id, score: rule.meta.defaultScore }));
  const firstId = Object.keys(rule.meta.messages)[0]!;
  return result.map((f) => {
    const messageId = f.messageId ?? firstId;
    const template = rule.meta.messages[messageId];
    return { ...f, messageId, template, message: template === undefined ? undefined : renderMessage(template, f.data) };
  });
}

/** Declares a vitest suite for `rule` from valid and invalid cases. */
export function ruleTester<F, O>(rule: Rule<F, O>, cases: { valid: ReadonlyArray<RuleCase<F>>; invalid: ReadonlyArray<InvalidCase<F>> }): void {
  describe(rule.meta.id, () => {
    it('has at least one valid and one invalid case, none duplicated', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
      const seen = new Set<string>();
      for (const c of [...cases.valid, ...cases.invalid]) {
        const key = stableStringify({ features: c.features, options: c.options ?? {} });
        expect(seen.has(key), `duplicate case ${c.name ?? key.slice(0, 80)}`).toBe(false);
        seen.add(key);
      }
    });

    cases.valid.forEach((c, i) => {
      it(`valid: ${c.name ?? `#${i + 1}`}`, () => {
        expect(runRule(rule, c.features, c.options)).toEqual([]);
      });
    });

    cases.invalid.forEach((c, i) => {
      it(`invalid: ${c.name ?? `#${i + 1}`}`, () => {
        const hits = runRule(rule, c.features, c.options);
        expect(hits.length, `expected ${c.hits.length} hit(s), got ${JSON.stringify(hits.map((h) => h.messageId))}`).toBe(c.hits.length);
        c.hits.forEach((expected, j) => {
          const hit = hits[j]!;
          expect(hit.messageId).toBe(expected.messageId);
          expect(hit.template, `messageId "${hit.messageId}" has no template`).toBeDefined();
          expect(hit.message).not.toMatch(/\{\{\w+\}\}/u);
          expect(Object.keys(expected.evidence).length, 'an invalid case must assert some evidence').toBeGreaterThan(0);
          expect(hit.evidence).toMatchObject(expected.evidence);
          if (expected.confidence !== undefined) expect(hit.confidence ?? 1).toBeCloseTo(expected.confidence, 6);
        });
      });
    });
  });
}
