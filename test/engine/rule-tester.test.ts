/** The strict rule tester's checks catch what they are for: a mutating rule, a rule whose answer changes. */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineRule } from '../../src/engine/define-rule.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadRuleSet } from '../../src/engine/load-ruleset.js';
import { stableStringify } from '../../src/engine/json.js';
import { deepFreeze, registryOf } from '../helpers/rule-tester.js';

const none = z.object({});
const actions = { site: [{ action: 'approve', minScore: 0 }] };
const setFor = (rule: Parameters<typeof registryOf>[0]) => loadRuleSet({ id: 't', version: '1', subject: 'site', rules: {}, actions }, { registry: registryOf(rule) });

describe('the rule tester', () => {
  it('deep-freezes features, so a rule that writes to them fails through evaluate', () => {
    const mutating = defineRule<{ seen: { count: number } }, typeof none>({
      meta: { id: 'site/test-mutating', subject: 'site', description: 'writes to its input', defaultScore: 1, options: none, messages: { m: 'm' } },
      evaluate: (f) => {
        f.seen.count += 1;
        return null;
      },
    });
    const result = evaluate('site', deepFreeze({ seen: { count: 0 } }), setFor(mutating));
    expect(result.errors).toEqual([expect.objectContaining({ rule: 'site/test-mutating', status: 'error' })]);
  });

  it('runs twice, so a rule whose answer depends on earlier calls shows it', () => {
    let calls = 0;
    const drifting = defineRule<object, typeof none>({
      meta: { id: 'site/test-drifting', subject: 'site', description: 'counts its calls', defaultScore: 1, options: none, messages: { m: 'call {{n}}' } },
      evaluate: () => ({ data: { n: (calls += 1) }, evidence: { calls } }),
    });
    const ruleSet = setFor(drifting);
    const features = deepFreeze({});
    expect(stableStringify(evaluate('site', features, ruleSet))).not.toBe(stableStringify(evaluate('site', features, ruleSet)));
  });

  it('gives a rule that reads another one stand-ins, so its set loads', () => {
    const reader = defineRule<object, typeof none>({
      meta: { id: 'partner/test-reader', subject: 'partner', description: 'reads a click rule', defaultScore: 1, options: none, messages: { m: 'm' }, reads: { rules: ['click/test-source'] } },
      evaluate: () => null,
    });
    expect(registryOf(reader).rules.map((r) => r.meta.id)).toEqual(['click/test-source', 'partner/test-reader']);
  });
});
