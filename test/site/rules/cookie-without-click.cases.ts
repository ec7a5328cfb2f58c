import { cookieWithoutClick } from '../../../src/site/rules/cookie-without-click.js';
import type { ProbeFeature } from '../../../src/site/features.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { cjClick, siteFeatures } from '../site-features.js';

const probe = (o: Partial<ProbeFeature> = {}): ProbeFeature => ({ url: 'https://www.anrdoezrs.net/click-1-2', affiliate: cjClick, hops: [], reachedMerchant: null, cookies: [], failure: null, ...o });

/** The firing and quiet cases of `cookieWithoutClick` (listed in its docs page). */
export const cases = ruleCases(cookieWithoutClick, {
  valid: [
    { name: 'no probes', features: siteFeatures() },
    { name: 'probe failed, nothing learned', features: siteFeatures({ probes: [probe({ failure: 'timeout: probe timed out' })] }) },
  ],
  invalid: [
    {
      name: 'cookie set on the way to the merchant',
      features: siteFeatures({ probes: [probe({ reachedMerchant: 'shop.test', cookies: [{ name: 'cjevent', domain: '.shop.test', setBy: 'shop.test' }] })] }),
      hits: [{ messageId: 'cookie', evidence: { reachedMerchant: 'shop.test', cookies: ['cjevent@.shop.test'] } }],
    },
    { name: 'reached the merchant without a cookie', features: siteFeatures({ probes: [probe({ reachedMerchant: 'shop.test' })] }), hits: [{ messageId: 'merchant', evidence: { reachedMerchant: 'shop.test' }, confidence: 0.8 }] },
  ],
});
