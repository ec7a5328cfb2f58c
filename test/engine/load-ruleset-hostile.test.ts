import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleSetError } from '../../src/engine/errors.js';
import { analyzeHtml, checkRuleSet, loadRuleSet } from '../../src/builtin.js';
import { MAX_RULESET_BYTES, type RuleSetInput } from '../../src/engine/load-ruleset.js';

const dir = mkdtempSync(join(tmpdir(), 'pg-hostile-rules-'));

describe('rule-set input that is not a rule set', () => {
  it('checkRuleSet never throws for null, numbers, arrays or functions', () => {
    for (const input of [null, undefined, 42, true, [], () => 1]) {
      const result = checkRuleSet(input as unknown as RuleSetInput);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]).toMatchObject({ code: 'invalid_type', path: '' });
    }
    expect(() => loadRuleSet(null as unknown as RuleSetInput)).toThrow(RuleSetError);
  });

  it('takes an object as loaded only when this package built it, not by its shape', () => {
    const page = '<body><p>hello</p><iframe src="https://www.anrdoezrs.net/click-1-2" width="0" height="0" style="display:none"></iframe></body>';
    const forged = { id: 'x', version: '1', subject: 'site', hash: 'f'.repeat(64), sources: [], rules: [], actions: [] };
    expect(checkRuleSet(forged as unknown as RuleSetInput).ok).toBe(false);
    expect(() => analyzeHtml(page, { url: 'https://a.example/', ruleSet: forged as unknown as RuleSetInput })).toThrow(RuleSetError);
    const real = loadRuleSet('onboarding');
    expect(checkRuleSet(real)).toEqual({ ok: true, ruleSet: real });
    // A copy of a loaded set is not the loaded set.
    expect(checkRuleSet({ ...real } as unknown as RuleSetInput).ok).toBe(false);
    expect(analyzeHtml(page, { url: 'https://a.example/', ruleSet: real }).action).toBe('reject');
  });
});

describe('files that extends may name', () => {
  it('quotes nothing of a file that is not JSON', () => {
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'root:x:0:0:TOPSECRET-TOKEN\nline two\n');
    for (const input of [secret, { id: 'a', version: '1', subject: 'site', extends: secret }]) {
      const result = checkRuleSet(input);
      expect(result.ok).toBe(false);
      const text = JSON.stringify(result);
      expect(text).not.toMatch(/root|TOPSECRET|line two/u);
      if (!result.ok) expect(result.issues.map((i) => i.code)).toContain('invalid_json');
    }
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "id": "a",\n  "secret-key": 1,,\n}');
    const result = checkRuleSet(broken);
    if (!result.ok) expect(result.issues[0]!.message).toMatch(/^not valid JSON at line 3, column \d+; expected a JSON rule set$/u);
    expect(JSON.stringify(result)).not.toContain('secret-key');
  });

  it('caps what it reads of a file that reports size 0 (/proc)', () => {
    const result = checkRuleSet('/proc/self/environ');
    expect(result.ok).toBe(false);
    // Whatever the environment holds, none of it is quoted.
    if (!result.ok) expect(result.issues[0]!.message).not.toContain('PATH=');
    // /proc/kallsyms reports size 0 and holds megabytes: it must be refused as too large.
    if (existsSync('/proc/kallsyms') && statSync('/proc/kallsyms').size === 0 && readFileSync('/proc/kallsyms').length > MAX_RULESET_BYTES) {
      const kallsyms = checkRuleSet('/proc/kallsyms');
      expect(kallsyms.ok ? [] : kallsyms.issues.map((i) => i.code)).toEqual(['too_large']);
    }
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"id":"x","version":"1","description":"${'a'.repeat(MAX_RULESET_BYTES)}"}`);
    const over = checkRuleSet(big);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.issues[0]).toMatchObject({ code: 'too_large' });
  });
});

describe('a loaded rule set cannot change behind its hash (from a review)', () => {
  it('freezes rule options all the way down', () => {
    const set = loadRuleSet('onboarding');
    const policy = set.rules.find((r) => r.id === 'site/missing-policy-pages')!;
    const required = policy.options.required as string[];
    expect(Array.isArray(required)).toBe(true);
    expect(() => required.splice(0)).toThrow(TypeError);
    expect(Object.isFrozen(set.actions)).toBe(true);
  });
});

describe('evaluate refuses a look-alike rule set (from a review)', () => {
  it('throws for a forged set with the built-in registry and no rules', async () => {
    const { evaluate } = await import('../../src/engine/evaluate.js');
    const { builtinRegistry } = await import('../../src/builtin.js');
    const forged = { id: 'forged', version: '1', subject: 'site', hash: 'x', sources: [], rules: [], actions: { site: [{ action: 'approve', minScore: 0 }] }, registry: builtinRegistry };
    expect(() => evaluate('site', {}, forged as never)).toThrow(/not made by loadRuleSet/u);
    expect(evaluate('site', analyzeHtml('<p>hi</p>', { url: 'https://a.example/' }).features, loadRuleSet('onboarding')).action).toBeDefined();
  });
});
