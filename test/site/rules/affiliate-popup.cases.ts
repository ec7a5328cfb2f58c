import { affiliatePopup } from '../../../src/site/rules/affiliate-popup.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { script, siteFeatures } from '../site-features.js';

/** The firing and quiet cases of `affiliatePopup` (listed in its docs page). */
export const cases = ruleCases(affiliatePopup, {
  valid: [
    { name: 'window.open of a non-affiliate URL', features: siteFeatures({ scripts: [script({ affiliateUrls: [], sinks: { windowOpen: true } })] }) },
    { name: 'affiliate URL without window.open', features: siteFeatures({ scripts: [script({ sinks: { location: false } })] }) },
  ],
  invalid: [
    { name: 'pop-under', features: siteFeatures({ scripts: [script({ sinks: { windowOpen: true, popUnder: true, anyClickListener: true } })] }), hits: [{ messageId: 'popUnder', evidence: { popUnder: true, pageWideClick: true }, confidence: 1 }] },
    { name: 'plain pop-up', features: siteFeatures({ scripts: [script({ sinks: { windowOpen: true } })] }), hits: [{ messageId: 'popup', evidence: { popUnder: false }, confidence: 0.5 }] },
  ],
});
