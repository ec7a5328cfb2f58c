import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRuleSet, loadRuleSet } from '../../src/builtin.js';
import { RuleSetError } from '../../src/engine/errors.js';
import { testRegistry } from '../helpers/test-rules.js';

const registry = testRegistry;
const dir = mkdtempSync(join(tmpdir(), 'pg-rulesets-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const siteActions = { site: [{ action: 'reject', minScore: 70 }, { action: 'review', minScore: 30 }, { action: 'approve', minScore: 0 }] };
const trafficActions = {
  click: [{ action: 'block', minScore: 80 }, { action: 'allow', minScore: 0 }],
  partner: [{ action: 'block', minScore: 80 }, { action: 'review', minScore: 30 }, { action: 'allow', minScore: 0 }],
};

function issuesOf(input: Parameters<typeof checkRuleSet>[0]) {
  const result = checkRuleSet(input, { registry, cwd: dir });
  if (result.ok) throw new Error('expected the rule set to be invalid');
  return result.issues;
}

describe('loadRuleSet', () => {
  it('applies rule defaults to every rule of the covered subjects, sorted by id', () => {
    const rs = loadRuleSet({ id: 'min', version: '1', subject: 'site', actions: siteActions }, { registry });
    expect(rs.rules.map((r) => r.id)).toEqual(['site/test-big', 'site/test-pixels', 'site/test-throws', 'site/test-trust']);
    const pixels = rs.rules.find((r) => r.id === 'site/test-pixels')!;
    expect(pixels).toMatchObject({ enabled: true, score: 15, options: { minPixels: 2 }, shadow: false, forceAction: undefined });
    expect(pixels.setBy).toEqual({ enabled: 'default', score: 'default', options: ['default'], shadow: 'default', forceAction: 'default' });
    expect(Object.isFrozen(rs)).toBe(true);
  });

  it('merges an extends chain and records which file set each part', () => {
    const base = file('base.json', { id: 'base', version: '1', subject: 'traffic', rules: { 'click/test-flood': { score: 30, options: { windowSeconds: 120, maxClicks: 20 } } }, actions: trafficActions });
    const child = file('child.json', { id: 'child', version: '2', subject: 'traffic', extends: './base.json', rules: { 'click/test-flood': { options: { maxClicks: 5 } }, 'partner/test-rate': 'off' } });
    const rs = loadRuleSet(child, { registry });
    expect(rs.id).toBe('child');
    expect(rs.version).toBe('2');
    expect(rs.sources).toEqual([base, child]);
    const flood = rs.rules.find((r) => r.id === 'click/test-flood')!;
    expect(flood.score).toBe(30);
    expect(flood.options).toEqual({ windowSeconds: 120, maxClicks: 5, minClicks: 0 });
    expect(flood.setBy.score).toBe(base);
    expect(flood.setBy.options).toEqual([base, child]);
    const rate = rs.rules.find((r) => r.id === 'partner/test-rate')!;
    expect(rate.enabled).toBe(false);
    expect(rate.setBy.enabled).toBe(child);
    expect(rs.actions.partner).toEqual(trafficActions.partner);
  });

  it('validates options after merging, so cross-field checks see the final values', () => {
    file('b2.json', { id: 'b2', version: '1', subject: 'traffic', rules: { 'click/test-flood': { options: { minClicks: 8 } } }, actions: trafficActions });
    const child = file('c2.json', { id: 'c2', version: '1', subject: 'traffic', extends: 'b2.json', rules: { 'click/test-flood': { options: { maxClicks: 5 } } } });
    const issues = issuesOf(child);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'rules["click/test-flood"].options.minClicks', message: 'minClicks must not exceed maxClicks', file: child });
  });

  it('names the exact path for a string where a number belongs', () => {
    const issues = issuesOf({ id: 'x', version: '1', subject: 'traffic', rules: { 'click/test-flood': { options: { windowSeconds: '60' } } }, actions: trafficActions });
    expect(issues).toEqual([expect.objectContaining({ path: 'rules["click/test-flood"].options.windowSeconds', code: 'invalid_type', message: 'expected number, received "60"', received: '60' })]);
  });

  it('reports range violations with the bound', () => {
    const issues = issuesOf({ id: 'x', version: '1', subject: 'traffic', rules: { 'click/test-flood': { options: { windowSeconds: 0 } } }, actions: trafficActions });
    expect(issues[0]).toMatchObject({ path: 'rules["click/test-flood"].options.windowSeconds', message: 'expected number ≥ 1, received 0' });
  });

  it('suggests the closest rule id for a typo', () => {
    const issues = issuesOf({ id: 'x', version: '1', subject: 'traffic', rules: { 'click/test-flod': { score: 5 } }, actions: trafficActions });
    expect(issues).toEqual([expect.objectContaining({ path: 'rules["click/test-flod"]', code: 'unknown_rule', message: 'unknown rule "click/test-flod" — did you mean "click/test-flood"?' })]);
  });

  it('rejects unknown option keys and unknown top-level fields', () => {
    const issues = issuesOf({ id: 'x', version: '1', subject: 'site', colour: 'red', rules: { 'site/test-pixels': { options: { minPixel: 3 } } }, actions: siteActions });
    expect(issues.map((i) => i.path).sort()).toEqual(['colour', 'rules["site/test-pixels"].options.minPixel']);
  });

  it('reports thresholds out of order, a missing floor, duplicate and foreign actions', () => {
    const issues = issuesOf({ id: 'x', version: '1', subject: 'site', actions: { site: [{ action: 'review', minScore: 30 }, { action: 'reject', minScore: 70 }, { action: 'review', minScore: 10 }, { action: 'block', minScore: 5 }] } });
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.code]));
    expect(byPath['actions.site[3].action']).toBe('invalid_value');
    const orderIssues = checkRuleSet({ id: 'x', version: '1', subject: 'site', actions: { site: [{ action: 'review', minScore: 30 }, { action: 'reject', minScore: 70 }, { action: 'approve', minScore: 10 }] } }, { registry });
    expect(orderIssues.ok).toBe(false);
    if (!orderIssues.ok) {
      expect(orderIssues.issues.map((i) => `${i.path} ${i.code}`)).toEqual(['actions.site[1].minScore thresholds_order', 'actions.site[2].minScore thresholds_floor']);
    }
    const dup = issuesOf({ id: 'x', version: '1', subject: 'site', actions: { site: [{ action: 'review', minScore: 30 }, { action: 'review', minScore: 0 }] } });
    expect(dup).toEqual([expect.objectContaining({ path: 'actions.site[1].action', code: 'thresholds_duplicate' })]);
  });

  it('requires thresholds for every covered subject and refuses foreign ones', () => {
    const issues = issuesOf({ id: 'x', version: '1', subject: 'traffic', actions: { click: trafficActions.click, site: siteActions.site } });
    expect(issues.map((i) => `${i.path} ${i.code}`).sort()).toEqual(['actions.partner missing_actions', 'actions.site wrong_subject']);
  });

  it('refuses rules of another subject and a forceAction of another subject', () => {
    const foreign = issuesOf({ id: 'x', version: '1', subject: 'site', rules: { 'click/test-flood': 'off' }, actions: siteActions });
    expect(foreign.map((i) => `${i.path} ${i.code}`)).toEqual(['rules["click/test-flood"] wrong_subject']);
    const force = issuesOf({ id: 'x', version: '1', subject: 'site', rules: { 'site/test-big': { forceAction: 'block' } }, actions: siteActions });
    expect(force.map((i) => `${i.path} ${i.code}`)).toEqual(['rules["site/test-big"].forceAction invalid_value']);
  });

  it('says what a bad rule entry should be', () => {
    const issues = issuesOf({ id: 'x', version: '1', subject: 'site', rules: { 'site/test-big': 'of' }, actions: siteActions });
    expect(issues).toEqual([expect.objectContaining({ path: 'rules["site/test-big"]', message: 'expected "off" or an object, received "of"' })]);
  });

  it('gives one clear issue for files that are not JSON, empty, too large, too deep or missing', () => {
    expect(issuesOf(file('bad.json', '{ "id": '))[0]).toMatchObject({ path: '', code: 'invalid_json' });
    expect(issuesOf(file('empty.json', '   \n'))[0]).toMatchObject({ code: 'empty' });
    expect(issuesOf(file('big.json', `[${'0,'.repeat(600_000)}0]`))[0]).toMatchObject({ code: 'too_large' });
    expect(issuesOf(file('deep.json', `${'{"a":'.repeat(150_000)}1${'}'.repeat(150_000)}`))[0]).toMatchObject({ code: 'too_deep' });
    expect(issuesOf(file('deep-array.json', `${'['.repeat(400_000)}${']'.repeat(400_000)}`))[0]).toMatchObject({ code: 'invalid_type' });
    expect(issuesOf(join(dir, 'nope.json'))[0]).toMatchObject({ code: 'not_found' });
    expect(issuesOf(file('array.json', '[]'))[0]).toMatchObject({ code: 'invalid_type' });
  });

  it('detects extends cycles and subject mismatches', () => {
    file('cyc-a.json', { id: 'a', version: '1', subject: 'site', extends: 'cyc-b.json', actions: siteActions });
    file('cyc-b.json', { id: 'b', version: '1', subject: 'site', extends: 'cyc-a.json' });
    expect(issuesOf(join(dir, 'cyc-a.json'))[0]).toMatchObject({ path: 'extends', code: 'extends_cycle' });
    file('traffic-base.json', { id: 't', version: '1', subject: 'traffic', actions: trafficActions });
    const mixed = file('mixed.json', { id: 'm', version: '1', subject: 'site', extends: 'traffic-base.json', actions: siteActions });
    expect(issuesOf(mixed).map((i) => i.code)).toContain('subject_mismatch');
  });

  it('throws RuleSetError with every issue from loadRuleSet', () => {
    try {
      loadRuleSet({ id: 'Bad Id', version: '', subject: 'site', actions: siteActions }, { registry });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleSetError);
      const e = error as RuleSetError;
      expect(e.code).toBe('RULESET_INVALID');
      expect(e.issues.map((i) => i.path).sort()).toEqual(['id', 'version']);
      expect(e.message).toMatch(/^Invalid rule set: /u);
    }
  });

  it('hashes the effective configuration: same config same hash, any change a new one', () => {
    const doc = { id: 'h', version: '1', subject: 'site', rules: { 'site/test-big': { score: 55 } }, actions: siteActions };
    const a = loadRuleSet(doc, { registry });
    const b = loadRuleSet(JSON.parse(JSON.stringify(doc)) as Record<string, unknown>, { registry });
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/u);
    expect(b.hash).toBe(a.hash);
    const c = loadRuleSet({ ...doc, rules: { 'site/test-big': { score: 56 } } }, { registry });
    expect(c.hash).not.toBe(a.hash);
  });
});
