import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../src/builtin.js';
import { defineRule, renderMessage } from '../../src/engine/define-rule.js';
import { createRegistry } from '../../src/engine/registry.js';
import { siteRules } from '../../src/site/rules/index.js';
import { trafficRules } from '../../src/clicks/rules/index.js';
import { bigRule, pixelRule, testRegistry } from '../helpers/test-rules.js';
import { ruleTester } from '../helpers/rule-tester.js';

const meta = { subject: 'site' as const, description: 'd', defaultScore: 1, options: z.object({}), messages: { m: 'm' } };

describe('defineRule', () => {
  it('refuses malformed ids, subject mismatches, options without defaults and empty messages', () => {
    expect(() => defineRule({ meta: { ...meta, id: 'site/Bad_Id' }, evaluate: () => null })).toThrow(/must look like/u);
    expect(() => defineRule({ meta: { ...meta, id: 'click/x' }, evaluate: () => null })).toThrow(/must start with its subject/u);
    expect(() => defineRule({ meta: { ...meta, id: 'site/x', options: z.object({ n: z.number() }) }, evaluate: () => null })).toThrow(/default/u);
    expect(() => defineRule({ meta: { ...meta, id: 'site/x', messages: {} }, evaluate: () => null })).toThrow(/message/u);
    expect(() => defineRule({ meta: { ...meta, id: 'site/x', defaultScore: Number.NaN }, evaluate: () => null })).toThrow(/finite/u);
  });

  it('renders templates and leaves unknown placeholders visible', () => {
    expect(renderMessage('{{a}} and {{b}}', { a: 1 })).toBe('1 and {{b}}');
  });
});

describe('registry', () => {
  it('sorts by id and refuses duplicates', () => {
    expect(testRegistry.rules.map((r) => r.meta.id)).toEqual([...testRegistry.rules.map((r) => r.meta.id)].sort());
    expect(testRegistry.forSubject('click').map((r) => r.meta.id)).toEqual(['click/test-flood']);
    expect(() => createRegistry([bigRule, bigRule])).toThrow(/duplicate/u);
  });

  it('lists the shipped rules in id order in their index files (like ESLint lib/rules/index.js)', () => {
    for (const list of [siteRules, trafficRules]) {
      const ids = list.map((r) => r.meta.id);
      expect(ids).toEqual([...ids].sort());
    }
    expect(builtinRegistry.rules.length).toBe(siteRules.length + trafficRules.length);
  });
});

ruleTester(pixelRule, {
  valid: [{ name: 'below the minimum', features: { pixels: 1 } }, { name: 'raised minimum', features: { pixels: 2 }, options: { minPixels: 3 } }],
  invalid: [{ name: 'two pixels', features: { pixels: 2 }, hits: [{ messageId: 'pixel', evidence: { pixel: 1 }, confidence: 0.5 }, { messageId: 'pixel', evidence: { pixel: 2 } }] }],
});
