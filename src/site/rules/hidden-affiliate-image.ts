import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import { LOADING_LINK_RELS } from '../analyze/link-rels.js';
import type { SiteFeatures } from '../features.js';
import { renderedClickUrls } from '../rendered-clicks.js';

const IMAGE_TAGS = new Set(['img', 'input', 'video', 'source']);
const options = z.object({
  visibleConfidence: z.number().min(0).max(1).default(0.8).describe('Confidence of a visible image whose source is a click URL (banners load images from CDNs, never click URLs).'),
  maxHits: z.number().int().min(1).max(100).default(5).describe('Hits reported at most.'),
});

/** `site/hidden-affiliate-image`: an image or pre-loaded resource requests an affiliate click URL. */
export const hiddenAffiliateImage = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/hidden-affiliate-image',
    subject: 'site',
    description: 'An image/pixel or a prefetch/preload link requests an affiliate click URL: the browser follows it and receives the cookie.',
    defaultScore: 70,
    options,
    messages: {
      hiddenImage: 'hidden {{tag}} requests {{network}} click URL {{url}} ({{reasons}})',
      image: '{{tag}} source is the {{network}} click URL {{url}}',
      preload: '<link rel="{{rel}}"> makes the browser request {{network}} click URL {{url}}',
    },
  },
  evaluate(features, o) {
    const found: Finding[] = [];
    const rendered = renderedClickUrls(features);
    for (const e of features.elements) {
      if (e.affiliate?.kind !== 'click' || rendered.has(e.url)) continue;
      const evidence = { url: e.url, network: e.affiliate.network, tag: e.tag, hidden: e.hidden, hiddenReasons: [...e.hiddenReasons], width: e.width, height: e.height, snippet: e.snippet };
      if (e.tag === 'link') {
        const rel = (e.rel ?? '').split(/\s+/u).find((r) => LOADING_LINK_RELS.includes(r));
        if (rel === undefined) continue;
        found.push({ messageId: 'preload', data: { rel, network: e.affiliate.network, url: e.url }, evidence: { ...evidence, rel } });
      } else if (IMAGE_TAGS.has(e.tag)) {
        found.push({
          messageId: e.hidden ? 'hiddenImage' : 'image',
          confidence: e.hidden ? 1 : o.visibleConfidence,
          data: e.hidden ? { tag: e.tag, network: e.affiliate.network, url: e.url, reasons: e.hiddenReasons.join(', ') } : { tag: e.tag, network: e.affiliate.network, url: e.url },
          evidence,
        });
      }
      if (found.length >= o.maxHits) break;
    }
    return found;
  },
});
