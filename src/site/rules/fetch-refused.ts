import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';

const options = z.object({});

/**
 * `site/fetch-refused`: the site could not be screened — the SSRF guard refused it, or the
 * fetch failed (timeout, too large, HTTP error, non-HTML). A page nobody could read is neither
 * approved nor rejected on its score: the onboarding set forces `review`.
 */
export const fetchRefused = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/fetch-refused',
    subject: 'site',
    description: 'The URL was refused by the SSRF guard or could not be fetched as HTML, so the site was not screened.',
    defaultScore: 30,
    options,
    messages: {
      refused: 'fetch refused ({{reason}}): {{message}}',
      failed: 'fetch failed ({{code}}): {{message}}',
      notHtml: 'not an HTML page ({{contentType}}); nothing to screen',
    },
  },
  evaluate(features): Finding | null {
    const f = features.fetch;
    if (f === null) return null;
    const evidence = { url: features.url, finalUrl: features.finalUrl, code: f.failureCode, reason: f.refusalReason, address: f.address, status: f.status, message: f.message };
    if (f.outcome === 'refused') return { messageId: 'refused', data: { reason: f.refusalReason ?? 'refused', message: f.message ?? '' }, evidence };
    if (f.outcome === 'failed') return { messageId: 'failed', data: { code: f.failureCode ?? 'failed', message: f.message ?? '' }, evidence };
    if (!features.analysed) return { messageId: 'notHtml', data: { contentType: f.contentType ?? 'no content type' }, evidence: { ...evidence, contentType: f.contentType } };
    return null;
  },
});
