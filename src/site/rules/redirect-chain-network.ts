import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';
import { renderedClickUrls } from '../rendered-clicks.js';

const options = z.object({});

/** `site/redirect-chain-network`: requesting the applicant's URL passes through an affiliate click URL. */
export const redirectChainNetwork = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/redirect-chain-network',
    subject: 'site',
    description: "The applicant URL's own redirect chain passes through an affiliate click URL: every visitor is attributed.",
    defaultScore: 70,
    options,
    messages: { chain: 'redirect hop {{hop}} of {{hops}} is the {{network}} click URL {{url}}{{cookies}}' },
  },
  evaluate(features) {
    const hops = features.fetch?.redirects ?? [];
    for (let i = 0; i < hops.length; i += 1) {
      const hop = hops[i]!;
      if (hop.affiliate?.kind !== 'click' || renderedClickUrls(features).has(hop.url)) continue;
      const cookies = hops.slice(i).flatMap((h) => h.cookies.map((c) => `${c.name}@${c.domain ?? c.setBy}`));
      return {
        data: { hop: i + 1, hops: hops.length, network: hop.affiliate.network, url: hop.url, cookies: cookies.length > 0 ? `; cookies set: ${cookies.join(', ')}` : '' },
        evidence: { hop: i + 1, url: hop.url, network: hop.affiliate.network, chain: hops.map((h) => `${h.status} ${h.url}`), cookies },
      };
    }
    return null;
  },
});
