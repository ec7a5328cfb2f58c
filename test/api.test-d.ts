import { describe, expectTypeOf, it } from 'vitest';
import { evaluate, loadRuleSet, type RuleSetError, type Evaluation, type Hit, type RuleSet, type RuleSetIssue, type SiteAction } from '../src/index.js';

describe('public API types', () => {
  it('loadRuleSet returns a RuleSet', () => {
    expectTypeOf(loadRuleSet).parameter(0).toEqualTypeOf<string | Record<string, unknown> | RuleSet>();
    expectTypeOf(loadRuleSet('onboarding')).toEqualTypeOf<RuleSet>();
  });

  it('evaluate narrows the action to the subject', () => {
    expectTypeOf(evaluate<'site'>).returns.toEqualTypeOf<Evaluation<'site'>>();
    expectTypeOf<Evaluation<'site'>['action']>().toEqualTypeOf<SiteAction>();
    expectTypeOf<Evaluation<'click'>['action']>().toEqualTypeOf<'allow' | 'flag' | 'block'>();
    expectTypeOf<Evaluation<'partner'>['action']>().toEqualTypeOf<'allow' | 'review' | 'cap' | 'block'>();
  });

  it('never leaks any', () => {
    expectTypeOf<Hit['evidence']>().not.toBeAny();
    expectTypeOf<RuleSet['rules'][number]['options']>().not.toBeAny();
    expectTypeOf<RuleSetError['issues']>().toEqualTypeOf<readonly RuleSetIssue[]>();
    expectTypeOf<RuleSetIssue['received']>().toBeUnknown();
  });
});
