import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';
import { renderedClickUrls } from '../rendered-clicks.js';

const FRAME_TAGS = new Set(['iframe', 'frame', 'embed', 'object']);
const options = z.object({
  includeVisible: z.boolean().default(true).describe('Also report visible frames that load a click URL (the click is still made without the visitor).'),
  visibleConfidence: z.number().min(0).max(1).default(0.6).describe('Confidence of a visible frame loading a click URL.'),
  maxHits: z.number().int().min(1).max(100).default(5).describe('Hits reported at most (points add up per hit).'),
});

/** `site/hidden-affiliate-iframe`: a frame loads an affiliate click URL, the classic cookie-stuffing technique. */
export const hiddenAffiliateIframe = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/hidden-affiliate-iframe',
    subject: 'site',
    description: 'An iframe (or frame/embed/object) loads an affiliate click URL, hidden or tiny: cookie stuffing.',
    defaultScore: 70,
    options,
    messages: {
      hidden: 'hidden {{tag}} loads {{network}} click URL {{url}} ({{reasons}})',
      visible: 'visible {{tag}} loads {{network}} click URL {{url}} without a click',
    },
  },
  evaluate(features, o) {
    const found: Finding[] = [];
    const rendered = renderedClickUrls(features);
    for (const e of features.elements) {
      if (!FRAME_TAGS.has(e.tag) || e.affiliate?.kind !== 'click' || rendered.has(e.url)) continue;
      if (!e.hidden && !o.includeVisible) continue;
      found.push({
        messageId: e.hidden ? 'hidden' : 'visible',
        confidence: e.hidden ? 1 : o.visibleConfidence,
        data: e.hidden ? { tag: e.tag, network: e.affiliate.network, url: e.url, reasons: e.hiddenReasons.join(', ') } : { tag: e.tag, network: e.affiliate.network, url: e.url },
        evidence: { url: e.url, network: e.affiliate.network, tag: e.tag, hidden: e.hidden, hiddenReasons: [...e.hiddenReasons], width: e.width, height: e.height, inNoscript: e.inNoscript, snippet: e.snippet },
      });
      if (found.length >= o.maxHits) break;
    }
    return found;
  },
});
