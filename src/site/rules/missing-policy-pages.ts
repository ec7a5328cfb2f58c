import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';

const PAGES = ['privacy', 'contact', 'about', 'terms'] as const;
const options = z.object({
  required: z.array(z.enum(PAGES)).default([...PAGES]).describe('Pages a site should link to.'),
  minMissing: z.number().int().min(1).default(2).describe('Missing pages needed before the rule fires (confidence grows with the share missing).'),
});

/** `site/missing-policy-pages`: no links to privacy, contact, about or terms pages. */
export const missingPolicyPages = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/missing-policy-pages',
    subject: 'site',
    description: 'The page links to none (or few) of the privacy, contact, about and terms pages real publishers have.',
    defaultScore: 12,
    options,
    messages: { missing: 'no link to {{pages}} page(s)' },
  },
  evaluate(features, o) {
    if (!features.analysed || o.required.length === 0) return null;
    const missing = o.required.filter((p) => !features.links.policy[p]);
    if (missing.length < o.minMissing) return null;
    return { confidence: missing.length / o.required.length, data: { pages: missing.join(', ') }, evidence: { missing, required: [...o.required] } };
  },
});
