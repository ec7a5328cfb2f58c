import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';
import { provenByBrowser, renderedClickUrls } from '../rendered-clicks.js';

const options = z.object({});

/** `site/affiliate-js-redirect`: an inline script assigns an affiliate click URL to `location`. */
export const affiliateJsRedirect = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/affiliate-js-redirect',
    subject: 'site',
    description: 'An inline script redirects the page (location assignment/replace) and holds an affiliate click URL.',
    defaultScore: 50,
    options,
    messages: { redirect: 'inline script #{{index}} redirects to {{network}} click URL {{url}}{{timer}}' },
  },
  evaluate(features) {
    const rendered = renderedClickUrls(features);
    for (const s of features.scripts) {
      const first = s.affiliateUrls.find((u) => !provenByBrowser(rendered, u.url));
      if (!s.sinks.location || first === undefined) continue;
      return {
        data: { index: s.index, network: first.affiliate.network, url: first.url, timer: s.sinks.timer ? ' on a timer' : '' },
        evidence: { scriptIndex: s.index, url: first.url, network: first.affiliate.network, encoding: first.encoding, timer: s.sinks.timer },
      };
    }
    return null;
  },
});
