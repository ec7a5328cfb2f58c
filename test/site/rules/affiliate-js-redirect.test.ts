import { affiliateJsRedirect } from '../../../src/site/rules/affiliate-js-redirect.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { script, siteFeatures } from '../site-features.js';

ruleTester(affiliateJsRedirect, {
  valid: [
    { name: 'location change to own page', features: siteFeatures({ scripts: [script({ affiliateUrls: [], sinks: { location: true } })] }) },
    { name: 'affiliate URL without a redirect', features: siteFeatures({ scripts: [script()] }) },
  ],
  invalid: [
    { name: 'location.href = click URL on a timer', features: siteFeatures({ scripts: [script({ index: 2, sinks: { location: true, timer: true } })] }), hits: [{ messageId: 'redirect', evidence: { scriptIndex: 2, network: 'cj', timer: true } }] },
  ],
});
