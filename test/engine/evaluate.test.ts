import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/builtin.js';
import { evaluate, type Evaluation } from '../../src/engine/evaluate.js';
import { PartnerguardError } from '../../src/engine/errors.js';
import { testRegistry, type TestSiteFeatures } from '../helpers/test-rules.js';
import { expectScoreIsSumOfHits } from '../helpers/report-assertions.js';

const registry = testRegistry;
const site = { site: [{ action: 'reject', minScore: 70 }, { action: 'review', minScore: 30 }, { action: 'approve', minScore: 0 }] };
const ruleSet = (rules: Record<string, unknown> = {}) => loadRuleSet({ id: 'eval', version: '1.2.3', subject: 'site', rules, actions: site }, { registry });
const run = (features: TestSiteFeatures, rules?: Record<string, unknown>): Evaluation<'site'> => evaluate('site', features, ruleSet(rules));

describe('evaluate', () => {
  it('approves with no hits and reports the rule set', () => {
    const r = run({});
    expect(r).toMatchObject({ subject: 'site', score: 0, rawScore: 0, action: 'approve', decidedBy: { by: 'score' }, hits: [], errors: [] });
    expect(r.ruleSet).toEqual({ id: 'eval', version: '1.2.3', hash: ruleSet().hash });
  });

  it('sums points as score × confidence, in rule-id order, and picks the threshold', () => {
    const r = run({ big: true, pixels: 3 });
    expect(r.hits.map((h) => [h.rule, h.points, h.confidence])).toEqual([
      ['site/test-big', 60, 1],
      ['site/test-pixels', 7.5, 0.5],
      ['site/test-pixels', 7.5, 0.5],
      ['site/test-pixels', 7.5, 0.5],
    ]);
    expect(r.hits[1]).toMatchObject({ messageId: 'pixel', message: 'pixel 1 of 3', evidence: { pixel: 1 } });
    expect(r.rawScore).toBe(82.5);
    expect(r.score).toBe(82.5);
    expect(r.action).toBe('reject');
    expectScoreIsSumOfHits(r);
  });

  it('clamps to 0–100 but keeps the raw sum, negatives included', () => {
    const high = run({ big: true, pixels: 10 });
    expect(high.rawScore).toBe(135);
    expect(high.score).toBe(100);
    expectScoreIsSumOfHits(high);
    const trusted = run({ trusted: true });
    expect(trusted.rawScore).toBe(-25);
    expect(trusted.score).toBe(0);
    expect(trusted.hits[0]).toMatchObject({ rule: 'site/test-trust', points: -25 });
    expectScoreIsSumOfHits(trusted);
    const mixed = run({ big: true, trusted: true });
    expect(mixed.score).toBe(35);
    expect(mixed.action).toBe('review');
  });

  it('applies rule-set score overrides and options', () => {
    const r = run({ big: true, pixels: 2 }, { 'site/test-big': { score: 10 }, 'site/test-pixels': { options: { minPixels: 3 } } });
    expect(r.hits.map((h) => h.points)).toEqual([10]);
    expect(r.action).toBe('approve');
  });

  it('skips rules switched off', () => {
    expect(run({ big: true }, { 'site/test-big': 'off' }).hits).toEqual([]);
  });

  it('reports a throwing rule as an error, never as a silent no-hit, and keeps scoring the rest', () => {
    const r = run({ explode: true, big: true });
    expect(r.errors).toEqual([{ rule: 'site/test-throws', status: 'error', message: 'boom' }]);
    expect(r.hits.map((h) => h.rule)).toEqual(['site/test-big']);
    expect(r.score).toBe(60);
  });

  it('lets a forced action decide whatever the score, the most severe force winning', () => {
    const r = run({ trusted: true, big: true }, { 'site/test-trust': { forceAction: 'approve' } });
    expect(r.score).toBe(35);
    expect(r.action).toBe('approve');
    expect(r.decidedBy).toEqual({ by: 'rule', rule: 'site/test-trust' });
    const both = run({ trusted: true, big: true }, { 'site/test-trust': { forceAction: 'approve' }, 'site/test-big': { forceAction: 'reject' } });
    expect(both.action).toBe('reject');
    expect(both.decidedBy).toEqual({ by: 'rule', rule: 'site/test-big' });
  });

  it('keeps shadow rules out of score and action but reports what they would do', () => {
    const r = run({ big: true, pixels: 2 }, { 'site/test-big': { shadow: true, forceAction: 'reject' } });
    expect(r.hits.map((h) => h.rule)).toEqual(['site/test-pixels', 'site/test-pixels']);
    expect(r.score).toBe(15);
    expect(r.action).toBe('approve');
    expect(r.decidedBy).toEqual({ by: 'score' });
    expect(r.shadow.hits.map((h) => h.rule)).toEqual(['site/test-big']);
    expect(r.shadow.score).toBe(75);
    expect(r.shadow.wouldAction).toBe('reject');
    expectScoreIsSumOfHits(r);
  });

  it('is deterministic: the same input gives the same bytes', () => {
    const a = JSON.stringify(run({ big: true, pixels: 4, trusted: true }));
    const b = JSON.stringify(run({ big: true, pixels: 4, trusted: true }));
    expect(a).toBe(b);
  });

  it('refuses to score a subject the rule set does not cover', () => {
    expect(() => evaluate('click', { clicks: 1 }, ruleSet())).toThrow(PartnerguardError);
  });

  it('scores clicks and partners from one traffic rule set', () => {
    const traffic = loadRuleSet(
      {
        id: 't',
        version: '1',
        subject: 'traffic',
        actions: { click: [{ action: 'block', minScore: 40 }, { action: 'allow', minScore: 0 }], partner: [{ action: 'cap', minScore: 50 }, { action: 'allow', minScore: 0 }] },
      },
      { registry },
    );
    const click = evaluate('click', { clicks: 50 }, traffic);
    expect(click).toMatchObject({ action: 'block', score: 40, hits: [{ rule: 'click/test-flood', message: '50 clicks in 60s', evidence: { clicks: 50, maxClicks: 10 } }] });
    const partner = evaluate('partner', { rate: 0.9 }, traffic);
    expect(partner).toMatchObject({ action: 'cap', score: 70 });
  });
});
