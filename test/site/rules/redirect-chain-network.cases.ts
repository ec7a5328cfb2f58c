import { redirectChainNetwork } from '../../../src/site/rules/redirect-chain-network.js';
import type { FetchFeatures, HopFeature } from '../../../src/site/features.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { cjClick, siteFeatures } from '../site-features.js';

const hop = (url: string, status: number, affiliate: HopFeature['affiliate'] = null, cookies: HopFeature['cookies'] = []): HopFeature => ({ url, status, location: null, cookies, affiliate });
const fetched = (redirects: HopFeature[]): FetchFeatures => ({ outcome: 'ok', failureCode: null, refusalReason: null, message: null, address: null, status: 200, contentType: 'text/html', bodyBytes: 1000, truncated: false, redirects });

/** The firing and quiet cases of `redirectChainNetwork` (listed in its docs page). */
export const cases = ruleCases(redirectChainNetwork, {
  valid: [
    { name: 'http → https redirect', features: siteFeatures({ fetch: fetched([hop('http://reviews.test/', 301), hop('https://reviews.test/', 200)]) }) },
    { name: 'no fetch (analyzeHtml)', features: siteFeatures({ fetch: null }) },
  ],
  invalid: [
    {
      name: 'chain through a CJ click URL with a cookie',
      features: siteFeatures({ fetch: fetched([hop('https://reviews.test/', 302), hop('https://www.anrdoezrs.net/click-1-2', 302, cjClick, [{ name: 'LCLK', domain: '.anrdoezrs.net', setBy: 'www.anrdoezrs.net' }]), hop('https://shop.test/', 200)]) }),
      hits: [{ messageId: 'chain', evidence: { hop: 2, network: 'cj', cookies: ['LCLK@.anrdoezrs.net'] } }],
    },
  ],
});
