import { hiddenAffiliateIframe } from '../../../src/site/rules/hidden-affiliate-iframe.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { cjImpression, element, siteFeatures } from '../site-features.js';

/** The firing and quiet cases of `hiddenAffiliateIframe` (listed in its docs page). */
export const cases = ruleCases(hiddenAffiliateIframe, {
  valid: [
    { name: 'no elements', features: siteFeatures() },
    { name: 'hidden iframe to a non-affiliate (GTM noscript)', features: siteFeatures({ elements: [element({ url: 'https://www.googletagmanager.com/ns.html?id=GTM-1', affiliate: null, inNoscript: true })] }) },
    { name: 'impression pixel host in a frame', features: siteFeatures({ elements: [element({ affiliate: cjImpression })] }) },
    { name: 'image, not a frame', features: siteFeatures({ elements: [element({ tag: 'img' })] }) },
    { name: 'visible frame when includeVisible is off', features: siteFeatures({ elements: [element({ hidden: false, hiddenReasons: [] })] }), options: { includeVisible: false } },
  ],
  invalid: [
    { name: '1×1 iframe', features: siteFeatures({ elements: [element()] }), hits: [{ messageId: 'hidden', evidence: { network: 'cj', tag: 'iframe', hiddenReasons: ['size'] } }] },
    {
      name: 'display:none ancestor',
      features: siteFeatures({ elements: [element({ hiddenReasons: ['hidden-ancestor'], width: null, height: null })] }),
      hits: [{ messageId: 'hidden', evidence: { url: 'https://www.anrdoezrs.net/click-1-2', hiddenReasons: ['hidden-ancestor'] } }],
    },
    { name: 'visible frame still loads a click URL', features: siteFeatures({ elements: [element({ hidden: false, hiddenReasons: [], width: 300, height: 250 })] }), hits: [{ messageId: 'visible', evidence: { hidden: false }, confidence: 0.6 }] },
  ],
});
