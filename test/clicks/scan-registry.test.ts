/**
 * A registry of the caller's own rules runs in a scan and in the screener: the rule set is
 * validated against it and evaluated with it (the loaded set carries it), with no second
 * registry argument anywhere.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { builtinRegistry, createClickScreener, loadRuleSet, scanClicks } from '../../src/builtin.js';
import { defineRule } from '../../src/engine/define-rule.js';
import { RuleSetError, InputError } from '../../src/engine/errors.js';
import { createRegistry } from '../../src/engine/registry.js';
import type { ClickFeatures, PartnerFeatures } from '../../src/clicks/features.js';
import type { Click } from '../../src/clicks/types.js';

const noOptions = z.object({});
const prefix = z.object({ prefix: z.string().min(1).default('198.51.100.') });
/** A click rule of the caller's: clicks from one test range. */
const testRange = defineRule<ClickFeatures, typeof prefix>({
  meta: { id: 'click/test-range', subject: 'click', description: 'the address is in a range the caller distrusts', defaultScore: 45, options: prefix, messages: { range: '{{address}} is in {{prefix}}' } },
  evaluate: (f, o) => (f.address.startsWith(o.prefix) ? { data: { address: f.address, prefix: o.prefix }, evidence: { address: f.address } } : null),
});
/** A partner rule of the caller's: reads the hits of its own click rule. */
const testRangeShare = defineRule<PartnerFeatures, typeof noOptions>({
  meta: { id: 'partner/test-range-share', subject: 'partner', description: 'most clicks come from the distrusted range', defaultScore: 70, options: noOptions, messages: { share: '{{count}} of {{of}} clicks from the range' } },
  evaluate: (f) => {
    const count = f.clickHits['click/test-range'] ?? 0;
    return count * 2 > f.clicks ? { data: { count, of: f.clicks }, evidence: { count, of: f.clicks } } : null;
  },
});
const registry = createRegistry([...builtinRegistry.rules, testRange, testRangeShare]);

const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
function clicks(): Array<Click & Record<string, unknown>> {
  const out: Array<Click & Record<string, unknown>> = [];
  const t0 = Date.UTC(2024, 4, 1);
  for (let i = 0; i < 40; i += 1) {
    const bad = i % 2 === 0;
    out.push({ clickId: `c${i}`, timestamp: t0 + i * 120_000, partnerId: bad ? 'p-bad' : 'p-good', ip: bad ? `198.51.100.${i}` : `203.0.113.${i}`, userAgent: ua });
  }
  return out;
}

describe('a registry of the caller rules', () => {
  it('runs its click rule and its partner rule in a scan', async () => {
    const report = await scanClicks(clicks(), { registry });
    const bad = report.partners.find((p) => p.partnerId === 'p-bad')!;
    const good = report.partners.find((p) => p.partnerId === 'p-good')!;
    expect(bad.hits.map((h) => h.rule)).toContain('partner/test-range-share');
    expect(bad.hits.find((h) => h.rule === 'partner/test-range-share')?.message).toBe('20 of 20 clicks from the range');
    expect(good.hits.map((h) => h.rule)).not.toContain('partner/test-range-share');
    expect(bad.stats.clickActions.flag).toBe(20);
  });

  it('uses the registry a loaded rule set carries, and refuses a different one', async () => {
    const ruleSet = loadRuleSet({ id: 'own', version: '1', subject: 'traffic', extends: 'traffic', rules: { 'click/test-range': { score: 90 } } }, { registry });
    expect(ruleSet.registry).toBe(registry);
    const report = await scanClicks(clicks(), { ruleSet });
    expect(report.partners.find((p) => p.partnerId === 'p-bad')!.stats.clickActions.block).toBe(20);
    await expect(scanClicks(clicks(), { ruleSet, registry: builtinRegistry })).rejects.toThrow(RuleSetError);
    // The built-in registry does not know the caller's rule.
    expect(() => loadRuleSet({ id: 'own', version: '1', subject: 'traffic', extends: 'traffic', rules: { 'click/test-range': { score: 90 } } })).toThrow(RuleSetError);
  });

  it('runs its click rule in the online screener', () => {
    const screener = createClickScreener({ registry });
    const verdict = screener.score(clicks()[0]!);
    expect(verdict.hits.map((h) => h.rule)).toEqual(['click/test-range']);
    expect(verdict.action).toBe('flag');
  });

  it('refuses worker threads for rules they could not load', async () => {
    await expect(scanClicks('clicks.ndjson', { registry, workers: 2 })).rejects.toThrow(InputError);
  });
});
