import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';
import { renderedClickUrls } from '../rendered-clicks.js';

const options = z.object({
  merchantOnlyConfidence: z.number().min(0).max(1).default(0.8).describe('Confidence when the probe reached the merchant but saw no cookie (the merchant may set it from script).'),
});

/** `site/cookie-without-click`: probing an auto-loaded affiliate URL set an affiliate cookie — proof of stuffing. */
export const cookieWithoutClick = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/cookie-without-click',
    subject: 'site',
    description: 'Probing a URL the page loads by itself shows it redirects to a merchant and drops an affiliate cookie without any click.',
    defaultScore: 80,
    options,
    messages: {
      cookie: 'auto-loaded {{url}} sets cookie(s) {{cookies}}{{merchant}} without a click',
      merchant: 'auto-loaded {{url}} redirects to merchant {{merchant}} without a click',
    },
  },
  evaluate(features, o) {
    const found: Finding[] = [];
    const rendered = renderedClickUrls(features);
    for (const p of features.probes) {
      if (rendered.has(p.url)) continue;
      const cookies = p.cookies.map((c) => `${c.name}@${c.domain ?? c.setBy}`);
      const evidence = { url: p.url, network: p.affiliate?.network ?? null, reachedMerchant: p.reachedMerchant, cookies, chain: p.hops.map((h) => `${h.status} ${h.url}`) };
      if (cookies.length > 0) {
        found.push({ messageId: 'cookie', data: { url: p.url, cookies: cookies.join(', '), merchant: p.reachedMerchant === null ? '' : ` on the way to ${p.reachedMerchant}` }, evidence });
      } else if (p.reachedMerchant !== null) {
        found.push({ messageId: 'merchant', confidence: o.merchantOnlyConfidence, data: { url: p.url, merchant: p.reachedMerchant }, evidence });
      }
    }
    return found.slice(0, 3);
  },
});
