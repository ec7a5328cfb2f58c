/** Rules used only by engine tests, so the engine is tested apart from the shipped rules. */
import { z } from 'zod';
import { defineRule } from '../../src/engine/define-rule.js';
import { createRegistry } from '../../src/engine/registry.js';

export interface TestSiteFeatures {
  big?: boolean;
  pixels?: number;
  trusted?: boolean;
  explode?: boolean;
}

export const bigRule = defineRule<TestSiteFeatures, z.ZodObject<Record<string, never>>>({
  meta: { id: 'site/test-big', subject: 'site', description: 'fires on big', defaultScore: 60, options: z.object({}), messages: { big: 'the page is big' } },
  evaluate: (f) => (f.big === true ? { evidence: { big: true } } : null),
});

const pixelOptions = z.object({ minPixels: z.number().int().min(1).default(2) });
export const pixelRule = defineRule<TestSiteFeatures, typeof pixelOptions>({
  meta: { id: 'site/test-pixels', subject: 'site', description: 'one half-confidence hit per pixel', defaultScore: 15, options: pixelOptions, messages: { pixel: 'pixel {{n}} of {{total}}' } },
  evaluate: (f, o) => {
    const n = f.pixels ?? 0;
    if (n < o.minPixels) return [];
    return Array.from({ length: n }, (_, i) => ({ data: { n: i + 1, total: n }, evidence: { pixel: i + 1 }, confidence: 0.5 }));
  },
});

export const trustRule = defineRule<TestSiteFeatures, z.ZodObject<Record<string, never>>>({
  meta: { id: 'site/test-trust', subject: 'site', description: 'a trust signal', defaultScore: -25, options: z.object({}), messages: { trusted: 'known good partner' } },
  evaluate: (f) => (f.trusted === true ? { evidence: { trusted: true } } : undefined),
});

export const throwingRule = defineRule<TestSiteFeatures, z.ZodObject<Record<string, never>>>({
  meta: { id: 'site/test-throws', subject: 'site', description: 'throws on explode', defaultScore: 50, options: z.object({}), messages: { never: 'never' } },
  evaluate: (f) => {
    if (f.explode === true) throw new Error('boom');
    return null;
  },
});

const floodOptions = z
  .object({ windowSeconds: z.number().int().min(1).default(60), maxClicks: z.number().int().min(1).default(10), minClicks: z.number().int().min(0).default(0) })
  .refine((o) => o.minClicks <= o.maxClicks, { message: 'minClicks must not exceed maxClicks', path: ['minClicks'] });
export const floodRule = defineRule<{ clicks: number }, z.ZodObject>({
  meta: { id: 'click/test-flood', subject: 'click', description: 'too many clicks in a window', defaultScore: 40, options: floodOptions as unknown as z.ZodObject, messages: { flood: '{{clicks}} clicks in {{window}}s' } },
  evaluate: (f, o) => {
    const { windowSeconds, maxClicks } = o as { windowSeconds: number; maxClicks: number };
    return f.clicks > maxClicks ? { data: { clicks: f.clicks, window: windowSeconds }, evidence: { clicks: f.clicks, maxClicks } } : null;
  },
});

export const partnerRule = defineRule<{ rate: number }, z.ZodObject<Record<string, never>>>({
  meta: { id: 'partner/test-rate', subject: 'partner', description: 'high rate', defaultScore: 70, options: z.object({}), messages: { high: 'rate {{rate}}' } },
  evaluate: (f) => (f.rate > 0.5 ? { data: { rate: f.rate }, evidence: { rate: f.rate } } : null),
});

export const testRegistry = createRegistry([trustRule, pixelRule, floodRule, bigRule, throwingRule, partnerRule]);
