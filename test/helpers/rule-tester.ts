/**
 * ESLint-style strict rule tester: every rule is tested through this harness with `valid`
 * cases (no hit) and `invalid` cases (each asserting its hits' messageId, evidence and the
 * message data). Each case runs through `evaluate` with a registry of the rule alone (plus
 * inert stand-ins for rules it declares it reads), from a rule set that sets the case's
 * options, twice, over deep-frozen features: a rule that mutates its input, throws, or
 * answers differently the second time fails. Bad options must be refused by the loader.
 * Duplicate cases are rejected so a copy-pasted case cannot pass for coverage.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ACTIONS, RULESET_SUBJECTS, type Subject } from '../../src/engine/actions.js';
import { defineRule, type AnyRule, type Finding, type Rule, type RuleId } from '../../src/engine/define-rule.js';
import { RuleSetError } from '../../src/engine/errors.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { stableStringify } from '../../src/engine/json.js';
import { checkRuleSet, loadRuleSet, type RuleSet } from '../../src/engine/load-ruleset.js';
import { createRegistry, type Registry } from '../../src/engine/registry.js';
import type { RuleCase, RuleCases } from './rule-cases.js';

export type { ExpectedHit, InvalidCase, RuleCase, RuleCases } from './rule-cases.js';

function findings(result: Finding | readonly Finding[] | null | undefined): readonly Finding[] {
  if (result === null || result === undefined) return [];
  return Array.isArray(result) ? result : [result as Finding];
}

/** Freezes a value and everything reachable from it (plain objects and arrays). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return Object.freeze(value);
}

const stand = (id: RuleId): AnyRule =>
  defineRule({ meta: { id, subject: id.slice(0, id.indexOf('/')) as Subject, description: 'a stand-in', defaultScore: 0, options: z.object({}), messages: { none: 'none' } }, evaluate: () => null });

/** The registry of one rule, with stand-ins for the rules it reads. */
export function registryOf(rule: AnyRule): Registry {
  return createRegistry([rule, ...(rule.meta.reads?.rules ?? []).map(stand)]);
}

const ruleSetSubject = (subject: Subject): keyof typeof RULESET_SUBJECTS => (subject === 'site' ? 'site' : 'traffic');

/** A rule-set document that sets `options` for `rule` and gives every subject one threshold. */
function documentFor(rule: AnyRule, options: Record<string, unknown> | undefined): Record<string, unknown> {
  const subject = ruleSetSubject(rule.meta.subject);
  const actions = Object.fromEntries(RULESET_SUBJECTS[subject].map((s) => [s, [{ action: ACTIONS[s][0], minScore: 0 }]]));
  return { id: 'rule-tester', version: '1', subject, rules: options === undefined ? {} : { [rule.meta.id]: { options } }, actions };
}

/** Runs a rule directly (no rule set) and returns its findings with rendered messages. */
export function runRule<F, O>(rule: Rule<F, O>, features: F, options: Record<string, unknown> = {}) {
  const parsed = rule.meta.options.parse(options) as O;
  const result = findings(rule.evaluate(features, parsed, { ruleId: rule.meta.id, score: rule.meta.defaultScore }));
  const firstId = Object.keys(rule.meta.messages)[0]!;
  return result.map((f) => ({ ...f, messageId: f.messageId ?? firstId, template: rule.meta.messages[f.messageId ?? firstId] }));
}

/** Evaluates a case twice through the engine over frozen features; returns the hits after checking both runs agree. */
function throughEngine<F>(rule: AnyRule, ruleSet: RuleSet, c: RuleCase<F>) {
  const features = deepFreeze(structuredClone(c.features));
  const first = evaluate(rule.meta.subject, features, ruleSet);
  const second = evaluate(rule.meta.subject, features, ruleSet);
  expect(first.errors, 'the rule threw (did it mutate its frozen features?)').toEqual([]);
  expect(stableStringify(second), 'a second run over the same features must give the same result').toBe(stableStringify(first));
  expect(stableStringify(features), 'the features must be left as they were').toBe(stableStringify(c.features));
  return first.hits;
}

const placeholders = (template: string): string[] => [...new Set([...template.matchAll(/\{\{(\w+)\}\}/gu)].map((m) => m[1]!))].sort();

/** Declares a vitest suite for `rule` from valid and invalid cases. */
export function ruleTester<F, O>(rule: Rule<F, O>, cases: RuleCases<F>): void {
  const any = rule as unknown as AnyRule;
  const registry = registryOf(any);
  const ruleSetFor = (options: Record<string, unknown> | undefined): RuleSet => loadRuleSet(documentFor(any, options), { registry });
  describe(rule.meta.id, () => {
    it('has at least one valid and one invalid case, each named (the docs list them), none duplicated', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
      for (const c of [...cases.valid, ...cases.invalid]) expect(c.name, `unnamed case ${stableStringify(c.features).slice(0, 80)}`).toBeTruthy();
      const seen = new Set<string>();
      for (const c of [...cases.valid, ...cases.invalid]) {
        const key = stableStringify({ features: c.features, options: c.options ?? {} });
        expect(seen.has(key), `duplicate case ${c.name ?? key.slice(0, 80)}`).toBe(false);
        seen.add(key);
      }
    });

    it('refuses bad options when a rule set loads (an unknown option always)', () => {
      for (const bad of [{ name: 'unknown option', options: { 'not-an-option': 1 } }, ...(cases.badOptions ?? [])]) {
        const result = checkRuleSet(documentFor(any, bad.options), { registry });
        expect(result.ok, `${bad.name}: ${JSON.stringify(bad.options)} was accepted`).toBe(false);
        if (!result.ok) expect(result.issues.every((i) => i.path.startsWith(`rules["${rule.meta.id}"].options`)), JSON.stringify(result.issues)).toBe(true);
      }
      expect(() => ruleSetFor({ 'not-an-option': 1 })).toThrow(RuleSetError);
    });

    cases.valid.forEach((c, i) => {
      it(`valid: ${c.name ?? `#${i + 1}`}`, () => {
        expect(throughEngine(any, ruleSetFor(c.options), c)).toEqual([]);
      });
    });

    cases.invalid.forEach((c, i) => {
      it(`invalid: ${c.name ?? `#${i + 1}`}`, () => {
        const hits = throughEngine(any, ruleSetFor(c.options), c);
        const found = runRule(rule, c.features, c.options);
        expect(hits.length, `expected ${c.hits.length} hit(s), got ${JSON.stringify(hits.map((h) => h.messageId))}`).toBe(c.hits.length);
        c.hits.forEach((expected, j) => {
          const hit = hits[j]!;
          const finding = found[j]!;
          expect(hit.messageId).toBe(expected.messageId);
          expect(finding.template, `messageId "${hit.messageId}" has no template`).toBeDefined();
          expect(hit.message).not.toMatch(/\{\{\w+\}\}/u);
          expect(Object.keys(finding.data ?? {}).sort(), 'message data must fill exactly the template placeholders').toEqual(placeholders(finding.template!));
          if (expected.data !== undefined) expect(finding.data).toMatchObject(expected.data);
          expect(Object.keys(expected.evidence).length, 'an invalid case must assert some evidence').toBeGreaterThan(0);
          expect(hit.evidence).toMatchObject(expected.evidence);
          if (expected.confidence !== undefined) expect(hit.confidence).toBeCloseTo(expected.confidence, 6);
          expect(hit.points).toBe(Math.round(rule.meta.defaultScore * hit.confidence * 100) / 100);
        });
      });
    });
  });
}
