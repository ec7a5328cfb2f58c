import { affiliateJsRedirect } from '../../../src/site/rules/affiliate-js-redirect.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { script, siteFeatures } from '../site-features.js';

/** The firing and quiet cases of `affiliateJsRedirect` (listed in its docs page). */
export const cases = ruleCases(affiliateJsRedirect, {
  valid: [
    { name: 'location change to own page', features: siteFeatures({ scripts: [script({ affiliateUrls: [], sinks: { location: true } })] }) },
    { name: 'affiliate URL without a redirect', features: siteFeatures({ scripts: [script()] }) },
  ],
  invalid: [
    { name: 'location.href = click URL on a timer', features: siteFeatures({ scripts: [script({ index: 2, sinks: { location: true, timer: true } })] }), hits: [{ messageId: 'redirect', evidence: { scriptIndex: 2, network: 'cj', timer: true } }] },
  ],
});
