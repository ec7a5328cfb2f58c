import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';

const options = z.object({});

/** `site/no-https`: the site is served over plain HTTP. */
export const noHttps = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/no-https',
    subject: 'site',
    description: 'The final page is served over plain HTTP, rare for a maintained publisher site.',
    defaultScore: 10,
    options,
    messages: { http: 'served over plain HTTP: {{url}}' },
  },
  evaluate(features) {
    if (features.domain.protocol !== 'http:') return null;
    if (features.fetch !== null && features.fetch.outcome !== 'ok') return null;
    return { data: { url: features.finalUrl }, evidence: { finalUrl: features.finalUrl } };
  },
});
