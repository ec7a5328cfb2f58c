import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';

const options = z.object({
  weakMaxWords: z.number().int().min(0).default(150).describe('Weak phrases ("coming soon") count only on pages with fewer visible words than this.'),
});

/** `site/placeholder-content`: lorem ipsum, CMS defaults or a holding page instead of content. */
export const placeholderContent = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/placeholder-content',
    subject: 'site',
    description: 'Visible text is template filler (lorem ipsum, CMS first-install content) or a holding page.',
    defaultScore: 30,
    options,
    messages: { placeholder: 'placeholder text: {{phrases}}' },
  },
  evaluate(features, o) {
    const thin = features.content.wordCount < o.weakMaxWords;
    const counted = features.content.placeholders.filter((p) => !p.weak || thin);
    if (counted.length === 0) return null;
    return { data: { phrases: counted.map((p) => `"${p.phrase}"`).join(', ') }, evidence: { phrases: counted.map((p) => p.id), wordCount: features.content.wordCount } };
  },
});
