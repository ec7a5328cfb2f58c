import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import { containsPhrase, padWords } from '../analyze/text.js';
import type { SiteFeatures } from '../features.js';

let defaults: Record<string, string[]> | undefined;
/** The default term lists from `datasets/prohibited-terms.json`, read once. */
export function defaultProhibitedTerms(): Record<string, string[]> {
  defaults ??= (JSON.parse(readFileSync(new URL('../../../datasets/prohibited-terms.json', import.meta.url), 'utf8')) as { categories: Record<string, string[]> }).categories;
  return structuredClone(defaults);
}

const options = z.object({
  categories: z
    .record(z.string().min(1), z.array(z.string().min(1)).max(500))
    .default(defaultProhibitedTerms)
    .describe('Term lists by category (whole-word, case-insensitive). Replaces the defaults from datasets/prohibited-terms.json.'),
  minTerms: z.number().int().min(1).default(3).describe('Distinct terms of one category needed for a hit (one mention in a review is not a gambling site).'),
});

/** `site/prohibited-content`: the page's text belongs to a category affiliate programs exclude. */
export const prohibitedContent = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/prohibited-content',
    subject: 'site',
    description: 'Visible text matches several terms of a prohibited category (adult, gambling, counterfeit, piracy, weapons, drugs).',
    defaultScore: 40,
    options,
    messages: { category: '{{category}} content: {{terms}}' },
  },
  evaluate(features, o) {
    const text = padWords(`${features.content.title.toLowerCase()} ${features.content.text}`);
    const found: Finding[] = [];
    for (const category of Object.keys(o.categories).sort()) {
      const terms = o.categories[category]!.filter((t) => containsPhrase(text, t));
      const distinct = [...new Set(terms)];
      if (distinct.length < o.minTerms) continue;
      found.push({ data: { category, terms: distinct.slice(0, 8).join(', ') }, evidence: { category, terms: distinct.slice(0, 20), minTerms: o.minTerms } });
    }
    return found;
  },
});
