import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';

const options = z.object({});

/** `site/parked-domain`: the page is a parking or "domain for sale" lander, not a site. */
export const parkedDomain = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/parked-domain',
    subject: 'site',
    description: 'The page carries parked-domain or "domain for sale" signatures (datasets/parking-signatures.json).',
    defaultScore: 30,
    options,
    messages: { parked: 'parked or for-sale domain: {{signatures}}' },
  },
  evaluate(features) {
    const strong = features.content.parked.filter((p) => !p.weak);
    if (strong.length === 0) return null;
    const all = features.content.parked.map((p) => `${p.kind}:${p.match}`);
    return { data: { signatures: all.join(', ') }, evidence: { signatures: features.content.parked.map((p) => p.id), matches: all } };
  },
});
