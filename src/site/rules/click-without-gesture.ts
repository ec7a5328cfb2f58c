import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';
import { renderedClickChains } from '../rendered-clicks.js';

const options = z.object({
  maxHits: z.number().int().min(1).max(100).default(3).describe('Hits reported at most (points add up per hit).'),
});

/**
 * `site/click-without-gesture`: in render mode the browser, which never clicked, requested an
 * affiliate click URL — a frame, an image, a script, a prefetch, a redirect or `window.open` —
 * so every visitor is attributed without choosing to be. Proof of cookie stuffing.
 */
export const clickWithoutGesture = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/click-without-gesture',
    subject: 'site',
    description: 'Rendered in Chromium without any click, the page made the browser request an affiliate click URL (and the network or merchant tried to set cookies).',
    defaultScore: 90,
    options,
    messages: {
      cookie: 'the browser, never clicked, requested {{network}} click URL {{url}} ({{how}}) and was sent cookie(s) {{cookies}}',
      load: 'the browser, never clicked, requested {{network}} click URL {{url}} ({{how}})',
    },
  },
  evaluate(features, o) {
    const found: Finding[] = [];
    for (const chain of renderedClickChains(features)) {
      const r = chain.request;
      const cookies = chain.cookies.map((c) => `${c.name}@${c.domain ?? c.setBy}`);
      const where = r.frameDepth === 0 ? 'the page' : `a frame ${r.frameDepth} deep`;
      const element = chain.element === null ? '' : `, ${chain.element.visible ? 'visible' : 'hidden'} ${chain.element.tag} ${chain.element.width}×${chain.element.height}`;
      const how = `${r.type} from ${where}${element}`;
      const evidence = {
        url: chain.url,
        network: chain.affiliate.network,
        type: r.type,
        navigation: r.navigation,
        frameUrl: r.frameUrl,
        frameDepth: r.frameDepth,
        initiator: `${r.initiator.type}${r.initiator.url === null ? '' : ` ${r.initiator.url}`}`,
        initiatorChain: [...r.initiatorChain],
        scriptCookies: (features.render?.scriptCookies ?? []).filter((c) => chain.urls.includes(c.frameUrl)).map((c) => c.name),
        chain: [...chain.hops],
        element: chain.element === null ? null : { ...chain.element },
        cookies,
        source: 'browser',
      };
      const data = { network: chain.affiliate.network, url: chain.url, how };
      found.push(cookies.length > 0 ? { messageId: 'cookie', data: { ...data, cookies: cookies.join(', ') }, evidence } : { messageId: 'load', data, evidence });
      if (found.length >= o.maxHits) break;
    }
    return found;
  },
});
