import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';
import { provenByBrowser, renderedClickUrls } from '../rendered-clicks.js';

const options = z.object({
  plainConfidence: z.number().min(0).max(1).default(0.5).describe('Confidence of a window.open with an affiliate URL but no pop-under, page-wide click or timer marker.'),
});

/** `site/affiliate-popup`: an inline script opens an affiliate click URL in a new window (pop-up or pop-under). */
export const affiliatePopup = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/affiliate-popup',
    subject: 'site',
    description: 'An inline script window.open()s an affiliate click URL: pop-ups and pop-unders force clicks.',
    defaultScore: 45,
    options,
    messages: {
      popUnder: 'inline script #{{index}} opens {{network}} click URL {{url}} as a pop-under',
      popup: 'inline script #{{index}} opens {{network}} click URL {{url}} in a pop-up',
    },
  },
  evaluate(features, o) {
    const rendered = renderedClickUrls(features);
    for (const s of features.scripts) {
      const first = s.affiliateUrls.find((u) => !provenByBrowser(rendered, u.url));
      if (!s.sinks.windowOpen || first === undefined) continue;
      const forced = s.sinks.popUnder || s.sinks.anyClickListener || s.sinks.timer;
      return {
        messageId: s.sinks.popUnder ? 'popUnder' : 'popup',
        confidence: forced ? 1 : o.plainConfidence,
        data: { index: s.index, network: first.affiliate.network, url: first.url },
        evidence: { scriptIndex: s.index, url: first.url, network: first.affiliate.network, popUnder: s.sinks.popUnder, pageWideClick: s.sinks.anyClickListener, timer: s.sinks.timer },
      };
    }
    return null;
  },
});
