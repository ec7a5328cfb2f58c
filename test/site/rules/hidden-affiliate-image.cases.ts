import { hiddenAffiliateImage } from '../../../src/site/rules/hidden-affiliate-image.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { cjImpression, element, siteFeatures } from '../site-features.js';

const img = (o = {}) => element({ tag: 'img', snippet: '<img src="https://www.anrdoezrs.net/click-1-2" width="1" height="1">', ...o });

/** The firing and quiet cases of `hiddenAffiliateImage` (listed in its docs page). */
export const cases = ruleCases(hiddenAffiliateImage, {
  valid: [
    { name: 'Meta pixel is not affiliate', features: siteFeatures({ elements: [img({ url: 'https://www.facebook.com/tr?id=1&ev=PageView', affiliate: null })] }) },
    { name: "CJ's own 1×1 impression image next to its link", features: siteFeatures({ elements: [img({ url: 'https://www.lduhtrp.net/image-1-2', affiliate: cjImpression })] }) },
    { name: 'stylesheet link to a non-affiliate', features: siteFeatures({ elements: [element({ tag: 'link', rel: 'stylesheet', affiliate: null })] }) },
    { name: 'link rel=canonical loads nothing', features: siteFeatures({ elements: [element({ tag: 'link', rel: 'canonical' })] }) },
  ],
  invalid: [
    { name: 'hidden 1×1 pixel to a click URL', features: siteFeatures({ elements: [img()] }), hits: [{ messageId: 'hiddenImage', evidence: { network: 'cj', tag: 'img', hidden: true } }] },
    { name: 'visible image whose source is a click URL', features: siteFeatures({ elements: [img({ hidden: false, hiddenReasons: [], width: 120, height: 60 })] }), hits: [{ messageId: 'image', evidence: { hidden: false }, confidence: 0.8 }] },
    { name: 'prefetch link', features: siteFeatures({ elements: [element({ tag: 'link', rel: 'prefetch', hidden: false, hiddenReasons: [] })] }), hits: [{ messageId: 'preload', evidence: { rel: 'prefetch', network: 'cj' } }] },
  ],
});
