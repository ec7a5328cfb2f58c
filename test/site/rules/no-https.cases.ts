import { noHttps } from '../../../src/site/rules/no-https.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { siteFeatures } from '../site-features.js';

const domain = siteFeatures().domain;

/** The firing and quiet cases of `noHttps` (listed in its docs page). */
export const cases = ruleCases(noHttps, {
  valid: [{ name: 'https', features: siteFeatures() }],
  invalid: [{ name: 'plain http', features: siteFeatures({ finalUrl: 'http://reviews.test/', domain: { ...domain, protocol: 'http:' } }), hits: [{ messageId: 'http', evidence: { finalUrl: 'http://reviews.test/' } }] }],
});
