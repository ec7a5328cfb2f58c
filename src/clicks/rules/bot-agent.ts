import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { ClickFeatures } from '../features.js';

const options = z.object({
  categories: z
    .record(z.string(), z.number().min(0).max(1))
    .default({
      'search-crawler': 1,
      'ai-crawler': 1,
      'seo-tool': 1,
      'social-preview': 0.6,
      'feed-reader': 0.8,
      monitoring: 0.8,
      'http-library': 1,
      headless: 1,
      automation: 1,
      scanner: 1,
      'other-bot': 0.8,
    })
    .describe('Confidence per bot category (0 ignores the category); categories not listed count as 0.8.'),
});

/** `click/bot-agent`: the user agent is a known bot; confidence by bot category (a link preview is less damning than a headless browser). */
export const botAgent = defineRule<ClickFeatures, typeof options>({
  meta: {
    id: 'click/bot-agent',
    subject: 'click',
    description: 'The click came from a bot user agent (crawler, HTTP library, headless browser…), weighted by bot category.',
    defaultScore: 80,
    options,
    messages: { bot: 'user agent is a bot: {{name}} ({{category}})' },
  },
  evaluate(f, o) {
    if (f.agent.kind !== 'bot') return null;
    const category = f.agent.category ?? 'other-bot';
    const confidence = o.categories[category] ?? 0.8;
    if (confidence <= 0) return null;
    const name = f.agent.name ?? 'unnamed bot';
    return { data: { name, category }, evidence: { userAgent: f.userAgent, name, category }, confidence };
  },
});
