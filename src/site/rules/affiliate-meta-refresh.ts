import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';
import { renderedClickUrls } from '../rendered-clicks.js';

const options = z.object({
  maxDelaySeconds: z.number().min(0).default(10).describe('Refreshes within this many seconds count fully; slower ones at half confidence.'),
});

/** `site/affiliate-meta-refresh`: the page refreshes itself to an affiliate click URL. */
export const affiliateMetaRefresh = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/affiliate-meta-refresh',
    subject: 'site',
    description: 'A <meta http-equiv="refresh"> sends every visitor through an affiliate click URL.',
    defaultScore: 60,
    options,
    messages: { refresh: 'meta refresh after {{delay}}s to {{network}} click URL {{url}}' },
  },
  evaluate(features, o) {
    const found: Finding[] = [];
    const rendered = renderedClickUrls(features);
    for (const m of features.metaRefresh) {
      if (m.url === null || m.affiliate?.kind !== 'click' || rendered.has(m.url)) continue;
      found.push({
        confidence: m.delaySeconds <= o.maxDelaySeconds ? 1 : 0.5,
        data: { delay: m.delaySeconds, network: m.affiliate.network, url: m.url },
        evidence: { url: m.url, network: m.affiliate.network, delaySeconds: m.delaySeconds, inNoscript: m.inNoscript },
      });
    }
    return found.slice(0, 1);
  },
});
