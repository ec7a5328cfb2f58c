import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import { compact, editDistance, skeleton } from '../analyze/brand.js';
import { hostMatches } from '../analyze/domain.js';
import type { SiteFeatures } from '../features.js';

const options = z.object({
  brandTerms: z.array(z.string().min(1)).default([]).describe('Brand terms added to those the caller passes with the screen.'),
  minBrandLength: z.number().int().min(2).default(4).describe('Shorter brand terms are ignored (too many innocent near-matches).'),
  containsConfidence: z.number().min(0).max(1).default(0.6).describe('Confidence when the domain merely contains the brand (brand-bidding, trademark use).'),
});

/** `site/brand-typosquat`: the applicant's domain imitates a merchant brand. */
export const brandTyposquat = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/brand-typosquat',
    subject: 'site',
    description: "The applicant's domain is a typo, homoglyph/punycode look-alike, or trademark use of a merchant brand term.",
    defaultScore: 50,
    options,
    messages: {
      homoglyph: '{{host}} imitates brand "{{brand}}" with look-alike characters',
      typo: '{{host}} is a typo of brand "{{brand}}" (edit distance {{distance}})',
      brandDomain: '{{host}} is brand "{{brand}}" on another domain',
      containsBrand: '{{host}} contains brand "{{brand}}"',
    },
  },
  evaluate(features, o) {
    const d = features.domain;
    if (d.host === '' || features.merchantDomains.some((m) => hostMatches(d.host, m) || d.registrable === m)) return null;
    const unicodeLabel = d.unicodeHost.split('.').slice(0, -(d.registrable.split('.').length - 1) || undefined).pop() ?? d.label;
    const label = compact(unicodeLabel);
    const terms = [...new Set([...features.brandTerms, ...o.brandTerms].map(compact))].filter((t) => t.length >= o.minBrandLength).sort();
    for (const brand of terms) {
      const evidence = { host: d.host, unicodeHost: d.unicodeHost, brand, punycode: d.punycode };
      const data = { host: d.unicodeHost, brand };
      if (label === brand) return { messageId: 'brandDomain', confidence: 0.8, data, evidence: { ...evidence, kind: 'brand-domain' } };
      if (skeleton(label) === skeleton(brand)) return { messageId: 'homoglyph', data, evidence: { ...evidence, kind: 'homoglyph', skeleton: skeleton(label) } };
      const max = brand.length <= 6 ? 1 : 2;
      const distance = editDistance(label, brand, max);
      if (distance <= max) return { messageId: 'typo', data: { ...data, distance }, evidence: { ...evidence, kind: 'typo', distance } };
      if (label.includes(brand) || skeleton(label).includes(skeleton(brand))) {
        return { messageId: 'containsBrand', confidence: o.containsConfidence, data, evidence: { ...evidence, kind: 'contains' } };
      }
    }
    return null;
  },
});
