/**
 * Rules declare what they read (`meta.reads`): the loader refuses a rule set that leaves a
 * reader blind, naming both rules, and the click pack sizes its windows from the declarations.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { builtinRegistry, createClickScreener, checkRuleSet } from '../../src/builtin.js';
import { defineRule } from '../../src/engine/define-rule.js';
import { createRegistry } from '../../src/engine/registry.js';

const traffic = (rules: Record<string, unknown>) => ({ id: 't', version: '1', subject: 'traffic', extends: 'traffic', rules });
const issuesOf = (input: Record<string, unknown>, registry = builtinRegistry) => {
  const result = checkRuleSet(input, { registry });
  return result.ok ? [] : result.issues;
};

describe('rules that read other rules', () => {
  it('refuses a set that switches off a click rule a share rule reads, naming both', () => {
    const issues = issuesOf(traffic({ 'click/bot-agent': 'off' }));
    expect(issues).toEqual([expect.objectContaining({ code: 'needs_rule', path: 'rules["click/bot-agent"]', message: expect.stringContaining('"partner/bot-share" reads its hits') })]);
    expect(issues[0]!.message).toContain('"click/bot-agent" is off');
    expect(issues[0]!.file).toBe('(object)');
  });

  it('refuses a shadowed source too: its hits never count', () => {
    const issues = issuesOf(traffic({ 'click/datacenter-ip': { shadow: true } }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([['needs_rule', 'rules["click/datacenter-ip"].shadow']]);
    expect(issues[0]!.message).toContain('"partner/datacenter-share"');
  });

  it('accepts the source off when its reader is off as well, or the source at score 0', () => {
    expect(issuesOf(traffic({ 'click/bot-agent': 'off', 'partner/bot-share': 'off' }))).toEqual([]);
    expect(issuesOf(traffic({ 'click/bot-agent': { score: 0 } }))).toEqual([]);
  });

  it('refuses a reader whose source the registry lacks', () => {
    const reader = defineRule<{ clickHits: Record<string, number> }, z.ZodObject<Record<string, never>>>({
      meta: { id: 'partner/test-reader', subject: 'partner', description: 'reads a missing rule', defaultScore: 10, options: z.object({}), messages: { m: 'm' }, reads: { rules: ['click/not-there'] } },
      evaluate: () => null,
    });
    const registry = createRegistry([...builtinRegistry.rules, reader]);
    expect(issuesOf(traffic({}), registry)).toEqual([expect.objectContaining({ code: 'needs_rule', path: 'rules["partner/test-reader"]', received: 'click/not-there' })]);
  });

  it('checks declarations when a rule is defined', () => {
    const define = (reads: object) => () =>
      defineRule({ meta: { id: 'click/test-window', subject: 'click', description: 'd', defaultScore: 1, options: z.object({ seconds: z.number().default(5) }), messages: { m: 'm' }, reads }, evaluate: () => null });
    expect(define({ window: { name: 'flood', lengthOption: 'windowSeconds' } })).toThrow(/does not have/u);
    expect(define({ rules: ['click/test-window'] })).toThrow(/not another rule/u);
    expect(define({ window: { name: 'flood', lengthOption: 'seconds' } })).not.toThrow();
  });
});

describe('windows sized by declarations', () => {
  it('takes each window length from the rule that declares it', () => {
    const s = createClickScreener({ ruleSet: traffic({ 'click/ua-rotation': { options: { windowSeconds: 120 } }, 'click/duplicate-click': { options: { windowSeconds: 3 } } }) });
    expect([s.windows.floodWindowSeconds, s.windows.rotationWindowSeconds, s.windows.duplicateWindowSeconds]).toEqual([60, 120, 3]);
  });

  it('sizes a window for a caller rule that declares it', () => {
    const options = z.object({ span: z.number().positive().default(45) });
    const own = defineRule<unknown, typeof options>({
      meta: { id: 'click/test-own-flood', subject: 'click', description: 'own flood', defaultScore: 1, options, messages: { m: 'm' }, reads: { window: { name: 'flood', lengthOption: 'span' } } },
      evaluate: () => null,
    });
    const floodless = builtinRegistry.rules.filter((r) => r.meta.id !== 'click/flood-ip');
    const registry = createRegistry([...floodless, own]);
    const ruleSet = { id: 't', version: '1', subject: 'traffic', rules: {}, actions: { click: [{ action: 'allow', minScore: 0 }], partner: [{ action: 'allow', minScore: 0 }] } };
    expect(createClickScreener({ registry, ruleSet }).windows.floodWindowSeconds).toBe(45);
  });
});
